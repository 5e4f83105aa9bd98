"""The rules, one module each. See ``torchlint.rule.Rule`` for how to add one."""
