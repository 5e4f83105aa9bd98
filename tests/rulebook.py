"""Reading the rule book: folders, expected findings, fix outputs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from torchlint.lint.findings import Finding

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "rules"
EXPECT = re.compile(r"#\s*expect:(?P<items>.*)$")
# One expected finding: its code, its 1-based column, and the lines its message names.
ITEM = re.compile(r"(?P<code>[A-Z]+\d+):(?P<column>\d+)(?:\s+lines=(?P<lines>\d+(?:,\d+)*))?")
# How a message names a line (``<line:KEY>`` in a rule's text, filled in by the engine).
NAMED_LINE = re.compile(r"\bline (\d+)\b")


@dataclass(frozen=True)
class Expect:
    """A finding as the rule book spells it: ``# expect: CODE:COLUMN lines=N,...``."""

    line: int
    code: str
    column: int  # 1-based, as printed
    lines: tuple[int, ...] = ()  # the lines the message names, in its order

    def __str__(self) -> str:
        named = f" lines={','.join(map(str, self.lines))}" if self.lines else ""
        return f"{self.line}: {self.code}:{self.column}{named}"


@dataclass(frozen=True)
class Case:
    code: str
    folder: Path

    @property
    def bad(self) -> list[Path]:
        return sorted(self.folder.glob("bad*.py"))

    @property
    def good(self) -> list[Path]:
        return sorted(self.folder.glob("good*.py"))

    @property
    def fixed(self) -> Path:
        return self.folder / "fixed.py"

    @property
    def fixed_unsafe(self) -> Path:
        return self.folder / "fixed_unsafe.py"

    def fix_output(self, unsafe: bool) -> Path:
        """The file ``--fix`` (``--fix --unsafe-fixes`` with ``unsafe``) turns bad.py
        into. Only what differs is written: without fixed_unsafe.py the unsafe fixes
        add nothing to fixed.py; without fixed.py no safe fix changes bad.py."""
        chain = (self.fixed_unsafe, self.fixed) if unsafe else (self.fixed,)
        return next((p for p in chain if p.is_file()), self.folder / "bad.py")

    @property
    def runtime_companions(self) -> bool:
        """runtime_bad.py (confirmed by a run) and runtime_good.py (runs clean); else
        runtime.md says why no run can confirm the rule, or, with neither, the rule's
        page says it is not confirmable at run time."""
        return (self.folder / "runtime_bad.py").is_file()


def cases() -> list[Case]:
    return [
        Case(d.name.split("-", 1)[0], d)
        for d in sorted(RULES_DIR.iterdir())
        if d.is_dir() and re.match(r"^TL\d+-", d.name)
    ]


def expected(text: str) -> list[Expect]:
    """Each ``# expect:`` mark, on the line it is written on. Several findings on one
    line are separated by ``;``. A mark that does not spell every part is an error,
    so that no column or named line goes unchecked."""
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        m = EXPECT.search(line)
        if not m:
            continue
        for item in m.group("items").split(";"):
            parsed = ITEM.fullmatch(item.strip())
            if parsed is None:
                raise ValueError(
                    f"line {lineno}: {item.strip()!r} is not CODE:COLUMN or "
                    "CODE:COLUMN lines=N,... (rules/README.md)"
                )
            named = parsed.group("lines")
            out.append(
                Expect(
                    lineno,
                    parsed.group("code"),
                    int(parsed.group("column")),
                    tuple(int(n) for n in named.split(",")) if named else (),
                )
            )
    return sorted(out, key=_order)


def found(findings: Iterable[Finding]) -> list[Expect]:
    """What the engine reported, spelled as the rule book spells it."""
    return sorted(
        (
            Expect(
                f.line, f.code, f.column + 1, tuple(int(n) for n in NAMED_LINE.findall(f.message))
            )
            for f in findings
        ),
        key=_order,
    )


def _order(e: Expect) -> tuple[int, int, str]:
    return (e.line, e.column, e.code)
