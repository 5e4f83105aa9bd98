"""torchlint: a static linter for PyTorch device and dtype mistakes.

The packages follow the pipeline:

- ``frontends``: the ways in (command line, language server, flake8 plugin);
- ``batch``: which files (discovery), all cores (runner), the result cache;
- ``lint``: one file: read (source, notebooks) -> screen -> parse -> analyse -> rules
  -> findings -> positions and noqa -> fixes (``lint.engine`` runs it);
- ``screen``: which units of a file any enabled rule can match, read on CPython's tree;
- ``analysis``: per-file facts and the device/dtype flow analysis the rules read;
- ``checks``: the rules, one module per family; ``rules``: their machinery (``Rule``,
  fix specs, registry, catalog);
- ``report``: output formats; ``runtime``: confirming findings by running the code;
- ``config``: settings for a path; ``docs`` and ``scaffold``: the rule book's tools.
"""

__version__ = "0.1.0"
