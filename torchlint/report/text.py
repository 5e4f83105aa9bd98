"""flake8's format: ``path:line:col: CODE message``, 1-based line and column; in a
notebook, ruff's ``path:cell N:line:col: CODE message``, the line counted in the cell."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from torchlint.lint.findings import Applicability, Finding, Fix
from torchlint.lint.source import LINE_BREAK
from torchlint.rules.registry import all_rules

# (path, line, cell) -> the text of that line (cell 0: a Python file), or None.
LineReader = Callable[[str, int, int], str | None]


def location(f: Finding) -> str:
    """``line:col`` (1-based), or ``cell N:line:col`` in a notebook."""
    where = f"{f.line}:{f.column + 1}"
    return f"cell {f.cell}:{where}" if f.cell else where


def format_finding(f: Finding) -> str:
    return f"{f.path}:{location(f)}: {f.code} {f.message}"


def render(
    findings: list[Finding],
    show_source: bool = False,
    line_of: LineReader | None = None,
    show_fixes: bool = False,
) -> str:
    out = []
    for f in findings:
        out.append(format_finding(f))
        if show_source and line_of is not None:
            line = line_of(f.path, f.line, f.cell)
            if line is not None:
                # As flake8 prints it: the line as it is, and a caret under the column
                # (whitespace before it copied, so tabs line up).
                out.append(line)
                out.append("".join(c if c.isspace() else " " for c in line[: f.column]) + "^")
        if show_fixes and f.fix is not None:
            out.extend(format_fix(f.path, f.fix, line_of))
    return "".join(line + "\n" for line in out)


def format_fix(path: str, fix: Fix, line_of: LineReader | None = None) -> list[str]:
    """``--show-fixes``: the fix under its finding, indented: whether ``--fix`` applies
    it, its message, and the lines it changes as ``-``/``+`` lines."""
    safe = fix.applicability is Applicability.SAFE
    head = f"    fix ({'safe' if safe else 'unsafe: applied with --fix --unsafe-fixes'})"
    out = [head + (f": {fix.message}" if fix.message else "")]
    if not fix.edits or line_of is None:
        return out
    cells = {e.cell for e in fix.edits}
    if len(cells) != 1:
        return out
    cell = cells.pop()
    first = min(e.line for e in fix.edits)
    last = max(e.end_line for e in fix.edits)
    before = [line_of(path, n, cell) for n in range(first, last + 1)]
    if any(line is None for line in before):
        return out
    old = [line for line in before if line is not None]
    starts = [0]
    for line in old[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    text = "\n".join(old)
    for e in sorted(fix.edits, key=lambda e: (e.line, e.column), reverse=True):
        start = starts[e.line - first] + e.column
        end = starts[e.end_line - first] + e.end_column
        text = text[:start] + e.content + text[end:]
    new = LINE_BREAK.split(text)
    # Only the lines that change (an edit may end at the start of an unchanged line).
    while old and new and old[-1] == new[-1]:
        old, new = old[:-1], new[:-1]
    while old and new and old[0] == new[0]:
        old, new = old[1:], new[1:]
    return out + [f"    - {line}" for line in old] + [f"    + {line}" for line in new]


def fixed_summary(fixed: dict[str, dict[str, int]]) -> str:
    """``--fix --show-fixes``: what was fixed, per file and rule, as ruff lists it."""
    total = sum(n for codes in fixed.values() for n in codes.values())
    if not total:
        return ""
    rules = all_rules()
    lines = [f"Fixed {total} finding{'s' * (total != 1)}:"]
    for path in sorted(fixed):
        if not fixed[path]:
            continue
        lines.append(f"- {path}:")
        for code, n in sorted(fixed[path].items(), key=lambda kv: (-kv[1], kv[0])):
            rule = rules.get(code)
            lines.append(f"    {n} × {code}" + (f" ({rule.name})" if rule else ""))
    return "".join(line + "\n" for line in lines)


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
