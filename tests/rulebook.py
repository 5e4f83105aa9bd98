"""Reading the rule book: folders, expected findings, fix outputs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "rules"
EXPECT = re.compile(r"#\s*expect:\s*(?P<items>[A-Z]+\d+(?::\d+)?(?:\s*,\s*[A-Z]+\d+(?::\d+)?)*)")


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


def cases() -> list[Case]:
    return [
        Case(d.name.split("-", 1)[0], d)
        for d in sorted(RULES_DIR.iterdir())
        if d.is_dir() and re.match(r"^TL\d+-", d.name)
    ]


def expected(text: str) -> list[tuple[int, str, int | None]]:
    """(line, code, column or None) for each ``# expect:`` mark."""
    out = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        m = EXPECT.search(line)
        if not m:
            continue
        for item in m.group("items").split(","):
            code, _, col = item.strip().partition(":")
            out.append((lineno, code, int(col) if col else None))
    return sorted(out, key=lambda t: (t[0], t[1]))
