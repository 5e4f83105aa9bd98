"""flake8's format: ``path:line:col: CODE message``, 1-based line and column."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from torchlint.findings import Finding
from torchlint.registry import all_rules


def format_finding(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column + 1}: {f.code} {f.message}"


def render(
    findings: list[Finding],
    show_source: bool = False,
    line_of: Callable[[str, int], str | None] | None = None,
) -> str:
    out = []
    for f in findings:
        out.append(format_finding(f))
        if show_source and line_of is not None:
            line = line_of(f.path, f.line)
            if line is not None:
                # As flake8 prints it: the line as it is, and a caret under the column
                # (whitespace before it copied, so tabs line up).
                out.append(line)
                out.append("".join(c if c.isspace() else " " for c in line[: f.column]) + "^")
    return "".join(line + "\n" for line in out)


def statistics_rows(findings: list[Finding], unsafe_fixes: bool = False) -> list[dict[str, Any]]:
    """Per code, most frequent first: ``code``, ``name``, ``count``, ``fixable`` (every
    finding's fix applies with ``--fix``, plus ``--unsafe-fixes`` when given) and
    ``fixable_count``, as ruff's ``--statistics --output-format json``."""
    rules = all_rules()
    counts: dict[str, list[int]] = {}
    for f in findings:
        entry = counts.setdefault(f.code, [0, 0])
        entry[0] += 1
        entry[1] += f.fix is not None and f.fix.applies(unsafe_fixes)
    rows = []
    for code, (n, n_fixable) in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0])):
        rule = rules.get(code)
        rows.append(
            {
                "code": code,
                "name": rule.name if rule else {"TL000": "syntax-error"}.get(code, ""),
                "count": n,
                "fixable": n_fixable == n,
                "fixable_count": n_fixable,
            }
        )
    return rows


def statistics(findings: list[Finding], unsafe_fixes: bool = False) -> str:
    """ruff's --statistics: count, code, a mark, name. The mark is ``[*]`` when every
    finding of the code has a fix that ``--fix`` applies (an unsafe fix only with
    ``--unsafe-fixes``), ``[-]`` when some have, ``[ ]`` when none has."""
    lines = []
    for row in statistics_rows(findings, unsafe_fixes):
        mark = "[*]" if row["fixable"] else "[-]" if row["fixable_count"] else "[ ]"
        lines.append(f"{row['count']:>5}\t{row['code']}\t{mark} {row['name']}")
    return "".join(line + "\n" for line in lines)
