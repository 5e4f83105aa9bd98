"""The per-file pipeline: read (source, notebooks) -> screen -> parse -> analyse
-> rules -> findings -> positions, noqa -> fixes. ``engine.lint_text`` runs it;
the stages it calls live beside it (``torchlint.screen``, ``torchlint.analysis``
and the rules of ``torchlint.checks``)."""
