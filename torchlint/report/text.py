"""flake8's format: ``path:line:col: CODE message``, 1-based line and column."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

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


def statistics(findings: list[Finding]) -> str:
    """ruff's --statistics: count, code, [*] when fixable, name."""
    rules = all_rules()
    counts = Counter(f.code for f in findings)
    fixable = {f.code for f in findings if f.fix is not None}
    lines = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = rules.get(code)
        name = rule.name if rule else {"TL000": "syntax-error"}.get(code, "")
        mark = "[*]" if code in fixable else "   "
        lines.append(f"{n:>5}\t{code}\t{mark} {name}")
    return "".join(line + "\n" for line in lines)
