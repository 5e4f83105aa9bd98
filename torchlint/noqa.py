"""flake8-compatible suppression comments."""

from __future__ import annotations

import re
from collections.abc import Iterable

from torchlint.findings import Finding
from torchlint.source import physical_lines

# Same shape as flake8's comments: bare "noqa", "noqa: TL101", "noqa:TL101,TL102".
# A bare one (or one whose code list does not parse) suppresses everything on the line.
NOQA = re.compile(
    r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?",
    re.IGNORECASE,
)
SKIP_FILE = re.compile(r"^#\s*torchlint\s*:\s*skip-file\s*$", re.MULTILINE)
_CODE_SPLIT = re.compile(r"[,\s]+")


def skip_file(text: str) -> bool:
    if "skip-file" not in text:
        return False
    return SKIP_FILE.search(text.replace("\r\n", "\n").replace("\r", "\n")) is not None


def noqa_map(text: str) -> dict[int, frozenset[str] | None]:
    """Line number -> suppressed codes (None: all). Only lines that mention noqa."""
    out: dict[int, frozenset[str] | None] = {}
    if "noqa" not in text.lower():
        return out
    for lineno, line in enumerate(physical_lines(text), start=1):
        if "#" not in line:
            continue
        m = NOQA.search(line)
        if m is None:
            continue
        codes = m.group("codes")
        out[lineno] = frozenset(c.upper() for c in _CODE_SPLIT.split(codes) if c) if codes else None
    return out


def suppressed(finding: Finding, noqa: dict[int, frozenset[str] | None]) -> bool:
    for line in finding.noqa_lines or {finding.line}:
        if line not in noqa:
            continue
        codes = noqa[line]
        if codes is None or any(finding.code.startswith(c) for c in codes):
            return True
    return False


def filter_findings(findings: Iterable[Finding], text: str) -> list[Finding]:
    noqa = noqa_map(text)
    if not noqa:
        return list(findings)
    return [f for f in findings if not suppressed(f, noqa)]
