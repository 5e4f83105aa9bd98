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
    at the body's indentation and the rest one string literal that spans them
    (``_filler``). Every other line is kept as it is, so LibCST gives the same
    positions (and fixes the same spans) in what is left; headers are kept
    (decorators, signatures, the bases a module class is recognised by). A unit
    whose body starts on its header's line is kept whole."""
    if not units:
        return text
    parts = _LINES_AND_BREAKS.split(text)
    for unit in units:
        first = unit.body[0]  # type: ignore[attr-defined]
        # A decorated def or class starts at its first decorator, not at `def`: the
        # body emptied from `def` on would leave the decorators with nothing to
        # decorate, which LibCST refuses (the whole file was then parsed instead).
        start = min([first.lineno, *(d.lineno for d in getattr(first, "decorator_list", ()))])
        end = unit.end_lineno
        if end is None or start <= unit.lineno:
            continue
        line = parts[2 * (start - 1)]
        indent = line[: first.col_offset]  # col_offset counts UTF-8 bytes: >= characters
        if indent.strip(" \t\f"):
            continue
        parts[2 * (start - 1)] = indent + "pass"
        _filler(parts, start + 1, end, indent)
    return "".join(parts)


def _filler(parts: list[str], first: int, last: int, indent: str) -> None:
    """Lines ``first`` to ``last`` of ``parts`` (line, break, line, ...) made one
    triple-quoted string at ``indent``: a single node where blank lines would be
    one LibCST node each (blank lines cost about a tenth of a parsed line)."""
    if last - first < 1:
        for n in range(first, last + 1):
            parts[2 * (n - 1)] = ""
        return
    parts[2 * (first - 1)] = indent + '"""'
    for n in range(first + 1, last):
        parts[2 * (n - 1)] = ""
    parts[2 * (last - 1)] = '"""'


def without_lines(
    text: str, drop: Sequence[tuple[int, int]], keep: Sequence[tuple[int, int]]
) -> str:
    """``text`` without the statements whose (first, last) lines are ``drop``: each
    run of their lines becomes one string literal (``_filler``), but for the lines
    they share with a statement of ``keep`` (``a = 1; import b``). Every other line
    is kept as it is, so the positions of what is left do not change."""
    if not drop:
        return text
    kept = {n for first, last in keep for n in range(first, last + 1)}
    parts = _LINES_AND_BREAKS.split(text)
    lines = (len(parts) + 1) // 2
    dropped = sorted(
        {n for first, last in drop for n in range(first, last + 1) if n not in kept and n <= lines}
    )
    start = 0
    for i, n in enumerate(dropped):
        if i + 1 == len(dropped) or dropped[i + 1] != n + 1:
            _filler(parts, dropped[start], n, "")
            start = i + 1
    return "".join(parts)
