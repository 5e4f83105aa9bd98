"""``python -m torchlint.docs new CODE NAME``: writes a new rule's hand-written files,
a rule that already runs, with TODOs where a person must write, then the derived files.

    python -m torchlint.docs new TL605 default-tensor-type \\
        --call torch.set_default_tensor_type [--fix-to torch.set_default_dtype]

writes ``torchlint/checks/default_tensor_type.py`` (the rule: code, documentation
sections, visitor), ``rules/TL605-default-tensor-type/bad.py`` and ``good.py``, and with
``--fix-to`` a fix and ``fixed.py``. docs/contributing.md walks through the rest.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Callable
from pathlib import Path

from torchlint.rules import catalog

_CODE = re.compile(r"TL[1-9]\d\d")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")

_MODULE = '''\
"""{code}: TODO: one line, what the rule flags and why it matters."""

from __future__ import annotations

import libcst as cst

from torchlint.rules.rule import {imports}


class {cls}(Rule):
    code = "{code}"
    name = "{name}"
    summary = "TODO: one sentence, what is wrong (the rules table and --list-rules show it)."{enabled}{fixable}
    # A file whose text contains none of these is not parsed for this rule.
    triggers = ("{trigger}",)
    docs = """
    ## What it does
    Flags calls to `{call}(...)`.

    ## Why is this bad?
    TODO: what goes wrong, where (on a GPU, on a machine without one, in which dtype),
    and what the user sees. The rule's page quotes this paragraph when no run can
    confirm the rule.

    ## Example
    ```python
    {call}(...)
    ```

    ## Use instead
    ```python
    TODO: the correct code
    ```

    ## Fix safety
    {fix_safety}

    ## References
    - TODO: a link to the PyTorch documentation of `{call}`
    """

    def visit_Call(self, node: cst.Call) -> None:
        # qualify() resolves imports and aliases (`from torch import x as y; y()`).
        if self.ctx.analysis.qualify(node.func) != "{call}":
            return
{report}
'''

_REPORT = """\
        self.report(node, "TODO: what is wrong here, and what to write instead")"""

# The fix spells the replacement's module as the file imports it (`import torch as th`),
# and offers none when the file never imports it by that name.
_REPORT_FIXED = """\
        fix = None
        spelled = self.ctx.analysis.imports.local_names_for("{module}")
        if spelled:
            new = cst.parse_expression(spelled[0] + "{rest}")
            fix = FixSpec.safe(Replace(node.func, new), message="use `{fix_to}`")
        self.report(node, "TODO: what is wrong here, and what to write instead", fix)"""

_FIX_SAFETY = (
    "TODO: the fix calls `{fix_to}` instead. Say why that keeps the code's meaning\n"
    "    (**safe**, applied by `--fix`), or make it `FixSpec.unsafe` and say what it may\n"
    "    change (then rename the rule book's fixed.py to fixed_unsafe.py)."
)
_NO_FIX = "No fix: TODO: say why (or set `fixable = True` and build one with `FixSpec`)."

_BAD = '''\
"""TODO: real-world shapes of the bug (a training script, a model's forward), each
with a comment saying why it is a bug; rules/README.md says how to mark a finding."""

{imports_code}


def example():
    {call}()  # expect: {code}:5
'''

_GOOD = '''\
"""TODO: correct code that looks like the bad case; the rule must stay silent on it."""

{imports_code}


def example(other):
    other.{attr}()  # another object's method of the same name
'''


def _class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def _check(root: Path, code: str, name: str, call: str, fix_to: str | None) -> list[str]:
    errors = []
    if not _CODE.fullmatch(code):
        errors.append(f"{code!r} is not a rule code such as TL605")
    elif code in catalog.RULES or any((root / "rules").glob(f"{code}-*")):
        errors.append(f"{code} is taken")
    if not _NAME.fullmatch(name):
        errors.append(f"{name!r} is not a kebab-case name such as default-tensor-type")
    elif any(n == name for n, _ in catalog.RULES.values()):
        errors.append(f"the name {name} is taken")
    elif (root / "torchlint" / "checks" / f"{name.replace('-', '_')}.py").exists():
        errors.append(f"torchlint/checks/{name.replace('-', '_')}.py exists")
    for option, value in (("--call", call), ("--fix-to", fix_to)):
        if value is not None and not _DOTTED.fullmatch(value):
            errors.append(f"{option} {value!r} is not a dotted name such as torch.load")
    return errors


def files(
    code: str, name: str, call: str, fix_to: str | None, default_enabled: bool = True
) -> dict[str, str]:
    """Path relative to the repository root -> text, for the new rule's files."""
    attr = call.rpartition(".")[2]
    modules = sorted({call.split(".", 1)[0], *([fix_to.split(".", 1)[0]] if fix_to else [])})
    values = {
        "code": code,
        "name": name,
        "cls": _class_name(name),
        "call": call,
        "trigger": attr,
        "imports_code": "\n".join(f"import {m}" for m in modules),
        "attr": attr,
        "enabled": "" if default_enabled else "\n    default_enabled = False",
        "fixable": "\n    fixable = True" if fix_to else "",
        "imports": "FixSpec, Replace, Rule" if fix_to else "Rule",
        "fix_safety": _FIX_SAFETY.format(fix_to=fix_to) if fix_to else _NO_FIX,
        "report": _REPORT,
    }
    if fix_to:
        module, _, rest = fix_to.partition(".")
        values["report"] = _REPORT_FIXED.format(module=module, rest="." + rest, fix_to=fix_to)
    folder = f"rules/{code}-{name}"
    out = {
        f"torchlint/checks/{name.replace('-', '_')}.py": _MODULE.format(**values),
        f"{folder}/bad.py": _BAD.format(**values),
        f"{folder}/good.py": _GOOD.format(**values),
    }
    if fix_to:
        out[f"{folder}/fixed.py"] = _BAD.format(**{**values, "call": fix_to})
    return out


def main(argv: list[str], root: Path, write_derived: Callable[[Path], object]) -> int:
    """``new``'s arguments; ``root`` is the project's folder, and ``write_derived``
    (``docs.write``) rewrites the derived files. ``docs.main`` passes both in: it runs
    this command, so this module does not import it back."""
    from torchlint.rules import registry

    parser = argparse.ArgumentParser(
        prog="python -m torchlint.docs new",
        description="Write a new rule's files (docs/contributing.md), then the derived ones.",
    )
    parser.add_argument("code", help="the rule's code, e.g. TL605")
    parser.add_argument("name", help="the rule's kebab-case name, e.g. default-tensor-type")
    parser.add_argument(
        "--call",
        help="the qualified function whose calls the rule flags, to start from "
        "(default: torch.<name>)",
    )
    parser.add_argument(
        "--fix-to",
        metavar="QUALIFIED",
        help="make the rule fixable: its fix calls this function instead, and fixed.py is written",
    )
    parser.add_argument("--off", action="store_true", help="off by default (opt-in)")
    args = parser.parse_args(argv)
    call = args.call or f"torch.{args.name.replace('-', '_')}"
    errors = _check(root, args.code, args.name, call, args.fix_to)
    if errors:
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        return 2
    written = files(args.code, args.name, call, args.fix_to, not args.off)
    for rel, text in written.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    # The new module must be found by this process's registry, which lists checks/.
    importlib.invalidate_caches()
    registry.all_rules.cache_clear()
    write_derived(root)
    print("wrote, to edit by hand (fill in every TODO):")
    for rel in written:
        print(f"  {rel}")
    print(
        "and the derived files (python -m torchlint.docs): torchlint/rules/catalog.py, "
        f"docs/rules/{args.code}.md, docs/rules/index.md, and the rules blocks of README.md, "
        "mkdocs.yml and docs/runtime.md"
    )
    return 0
