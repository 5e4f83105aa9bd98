"""``--format json``: one array of findings, each with its fix and edits (with
``--statistics``, one object per code instead)."""

from __future__ import annotations

import json

from torchlint.lint.findings import Finding


def render(findings: list[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=False) + "\n"


def statistics(findings: list[Finding], unsafe_fixes: bool = False) -> str:
    """``--statistics --format json``: one object per code, as ruff prints them."""
    from torchlint.report.text import statistics_rows

    rows = statistics_rows(findings, unsafe_fixes)
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
