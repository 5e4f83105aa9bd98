"""The rule machinery: the ``Rule`` base class and fix specs (rule.py), the
registry that finds every rule in ``torchlint.checks``, and the generated catalog."""
