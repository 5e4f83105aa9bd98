"""The text LibCST parses when the screen leaves units out: their bodies blanked, every
other line (and so every position) kept."""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence

from torchlint.lint.source import LINE_BREAK

# Split with the breaks kept: line, break, line, break, ..., last line.
_LINES_AND_BREAKS = re.compile(f"({LINE_BREAK.pattern})")


def without_bodies(text: str, units: Sequence[ast.stmt]) -> str:
    """``text`` with the body of each unit emptied: its first line becomes ``pass``
    at the body's indentation and the rest blank lines. Every other line is kept as
    it is, so LibCST gives the same positions (and fixes the same spans) in what is
    left; headers are kept (decorators, signatures, the bases a module class is
    recognised by). A unit whose body starts on its header's line is kept whole."""
    if not units:
        return text
    parts = _LINES_AND_BREAKS.split(text)
    for unit in units:
        first = unit.body[0]  # type: ignore[attr-defined]
        start, end = first.lineno, unit.end_lineno
        if end is None or start <= unit.lineno:
            continue
        line = parts[2 * (start - 1)]
        indent = line[: first.col_offset]  # col_offset counts UTF-8 bytes: >= characters
        if indent.strip(" \t\f"):
            continue
        parts[2 * (start - 1)] = indent + "pass"
        for n in range(start, end):
            parts[2 * n] = ""
    return "".join(parts)
