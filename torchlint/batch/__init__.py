"""The batch layer: which files to lint (discovery), linting them on every core
(runner), and the per-content result cache."""
