"""The rules, one module each. See ``torchlint.rules.rule.Rule`` for how to add one."""
