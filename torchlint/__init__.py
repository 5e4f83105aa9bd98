"""torchlint: a static linter for PyTorch device and dtype mistakes."""

__version__ = "0.1.0"
