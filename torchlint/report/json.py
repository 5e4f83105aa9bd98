"""``--format json``: one array of findings, each with its fix and edits."""

from __future__ import annotations

import json

from torchlint.findings import Finding


def render(findings: list[Finding]) -> str:
    return json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=False) + "\n"
