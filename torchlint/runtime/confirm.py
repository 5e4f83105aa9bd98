"""``torchlint --confirm SCRIPT``: the static findings a run of SCRIPT confirms.

A finding is confirmed by a runtime record when

- a frame of the record's stack is on the finding's line (or its statement's lines),
  in the same file: the op failed there, or in a call made from there; or
- a frame of the record's stack is inside the function the finding is in (say the
  finding is a discarded ``labels.to(device)`` and the op that failed is the loss a
  few lines below); or
- the finding is inside the class of the innermost user-defined module that was
  running (say a tensor attribute set in ``__init__`` that ``forward`` mixes with
  inputs on another device).

No torch here: the records come from ``torchlint.runtime.runner``.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import os
from collections.abc import Sequence

from torchlint.findings import Finding
from torchlint.runtime.records import Record

CONFIRMED = " [confirmed]"


def _real(path: str) -> str:
    return os.path.realpath(os.path.abspath(path))


@functools.lru_cache(maxsize=256)
def _function_spans(path: str) -> tuple[tuple[int, int], ...]:
    """(first line, last line) of every function in the file."""
    try:
        with open(path, "rb") as fh:
            tree = ast.parse(fh.read())
    except (OSError, SyntaxError, ValueError):
        return ()
    return tuple(
        (node.lineno, node.end_lineno or node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
    )


def _enclosing_function(path: str, line: int) -> tuple[int, int] | None:
    spans = [s for s in _function_spans(path) if s[0] <= line <= s[1]]
    return min(spans, key=lambda s: s[1] - s[0]) if spans else None


def confirms(record: Record, finding: Finding) -> bool:
    path = _real(finding.path)
    first, last = finding.line, max(finding.line, finding.end_line or finding.line)
    function = _enclosing_function(path, finding.line)
    for frame in record.stack:
        if _real(frame.path) != path:
            continue
        if first <= frame.line <= last:
            return True
        if function is not None and function[0] <= frame.line <= function[1]:
            return True
    if record.module_sources:
        source_path, start, end = record.module_sources[0]
        if _real(source_path) == path and start <= finding.line <= end:
            return True
    return False


def mark(
    findings: Sequence[Finding], records: Sequence[Record]
) -> tuple[list[Finding], list[Record]]:
    """The findings, those confirmed with " [confirmed]" added to their message; and
    the records that confirmed none (mismatches the static rules did not see)."""
    used: set[int] = set()
    out = []
    for f in findings:
        hits = [i for i, r in enumerate(records) if confirms(r, f)]
        if hits:
            used.update(hits)
            f = dataclasses.replace(f, message=f.message + CONFIRMED)
        out.append(f)
    return out, [r for i, r in enumerate(records) if i not in used]
