"""The ways in: the command line, the language server and the flake8 plugin.

Each turns its caller's request into files and settings, runs the batch layer
(``torchlint.batch``) or the per-file pipeline (``torchlint.lint``), and reports."""
