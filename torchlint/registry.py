"""Every rule, found by importing the modules of ``torchlint.checks``. Adding a rule
is adding a module there (and its rule-book folder): nothing to register by hand."""

from __future__ import annotations

import functools
import importlib
import pkgutil

from torchlint import checks
from torchlint.rule import Rule

# Codes the engine itself emits; they cannot be selected away.
SYNTAX_ERROR = "TL000"
READ_ERROR = "TL001"
ENGINE_CODES = (SYNTAX_ERROR, READ_ERROR)


@functools.cache
def all_rules() -> dict[str, type[Rule]]:
    found: dict[str, type[Rule]] = {}
    for info in sorted(pkgutil.iter_modules(checks.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{checks.__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value is not Rule
                and value.__module__ == module.__name__
                and "code" in vars(value)  # shared bases define no code
            ):
                if value.code in found:
                    raise RuntimeError(f"duplicate rule code {value.code}")
                found[value.code] = value
    return dict(sorted(found.items()))


def defaults() -> dict[str, bool]:
    return {code: rule.default_enabled for code, rule in all_rules().items()}


def get(code: str) -> type[Rule] | None:
    return all_rules().get(code.upper())
