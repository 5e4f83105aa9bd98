"""``--format sarif``: SARIF 2.1.0, as GitHub code scanning (``upload-sarif``) reads it.

One run. ``tool.driver.rules`` lists every rule (the engine's TL000 first, then the
registry's, sorted), each with its summary, the "What it does" section, the full
``--explain`` text as help and a link to its docs page; ``defaultConfiguration``
says whether it is on by default. Each result points into that list (``ruleIndex``),
and its location is the path relative to the current folder (the repository root in
CI) with forward slashes, under ``uriBaseId`` ``%SRCROOT%``. Regions are 1-based;
``endColumn`` is the column just past the last character, and columns count Unicode
code points (``columnKind``). A finding with a fix carries it as a SARIF ``fix``
(``properties.applicability`` says whether ``--fix`` applies it or it needs
``--unsafe-fixes``). Files that could not be linted are tool execution
notifications, and make ``executionSuccessful`` false; files skipped for their size
(``max-file-size``) are ``warning`` notifications, which do not.

In a notebook (``.ipynb``) a region's lines count from the first line of a cell, the
one its ``properties.cell`` names (1-based, every cell counted, as editors number
them), as in the text and JSON formats.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from torchlint import __version__
from torchlint.lint.findings import Finding, Problem
from torchlint.report import paths
from torchlint.rules import registry

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/torchlint/torchlint"
DOCS_URI = f"{INFORMATION_URI}/blob/main/docs/rules"
SRCROOT = "%SRCROOT%"
LEVEL = "error"

# The engine's own codes, always on (see docs/rules/index.md).
ENGINE_RULES = ((registry.SYNTAX_ERROR, "syntax-error", "The file is not valid Python."),)


def help_uri(code: str) -> str:
    if registry.get(code) is None:
        return f"{DOCS_URI}/index.md"
    return f"{DOCS_URI}/{code}.md"


def _what_it_does(docs: str) -> str | None:
    m = re.search(r"^## What it does\n(?P<body>.*?)(?=^## |\Z)", docs, re.MULTILINE | re.DOTALL)
    if m is None:
        return None
    return " ".join(m.group("body").split()) or None


def rule_descriptors() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for code, name, summary in ENGINE_RULES:
        out.append(
            {
                "id": code,
                "name": name,
                "shortDescription": {"text": summary},
                "fullDescription": {"text": summary},
                "helpUri": help_uri(code),
                "defaultConfiguration": {"enabled": True, "level": LEVEL},
            }
        )
    for code, rule in registry.all_rules().items():
        docs = rule.documentation()
        full = _what_it_does(docs) or rule.summary
        out.append(
            {
                "id": code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": full},
                "help": {
                    "text": f"{rule.summary}\n\n{full}\n\nDocumentation: {help_uri(code)}",
                    "markdown": docs,
                },
                "helpUri": help_uri(code),
                "defaultConfiguration": {"enabled": rule.default_enabled, "level": LEVEL},
                "properties": {"fixable": rule.fixable},
            }
        )
    return out


def _artifact(path: str) -> dict[str, Any]:
    uri, relative = paths.uri(path)
    return {"uri": uri, "uriBaseId": SRCROOT} if relative else {"uri": uri}


def _region(
    line: int, column: int, end_line: int, end_column: int, cell: int = 0
) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
    }
    if cell:
        region["properties"] = {"cell": cell}
    return region


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    where = f.to_json()  # 1-based columns, end = start when the finding has no end
    result: dict[str, Any] = {"ruleId": f.code}
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    result |= {
        "level": LEVEL,
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(f.path),
                    "region": _region(
                        where["line"],
                        where["column"],
                        where["end_line"],
                        where["end_column"],
                        f.cell,
                    ),
                }
            }
        ],
    }
    if f.fix is not None and f.fix.edits:
        fix: dict[str, Any] = {
            "artifactChanges": [
                {
                    "artifactLocation": _artifact(f.path),
                    "replacements": [
                        {
                            "deletedRegion": _region(
                                e.line, e.column + 1, e.end_line, e.end_column + 1, e.cell
                            ),
                            "insertedContent": {"text": e.content},
                        }
                        for e in f.fix.edits
                    ],
                }
            ],
            "properties": {"applicability": f.fix.applicability.value},
        }
        if f.fix.message:
            fix["description"] = {"text": f.fix.message}
        result["fixes"] = [fix]
    return result


def _notification(p: Problem, level: str = "error") -> dict[str, Any]:
    return {
        "level": level,
        "message": {"text": p.message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(p.path)}}],
    }


def log(
    findings: Sequence[Finding], problems: Sequence[Problem] = (), skipped: Sequence[Problem] = ()
) -> dict[str, Any]:
    rules = rule_descriptors()
    index = {r["id"]: i for i, r in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "torchlint",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not problems,
                        "toolExecutionNotifications": [_notification(p) for p in problems]
                        + [_notification(p, "warning") for p in skipped],
                    }
                ],
                "originalUriBaseIds": {SRCROOT: {"uri": paths.root_uri()}},
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index) for f in findings],
            }
        ],
    }


def render(
    findings: Sequence[Finding], problems: Sequence[Problem] = (), skipped: Sequence[Problem] = ()
) -> str:
    return json.dumps(log(findings, problems, skipped), indent=2, ensure_ascii=False) + "\n"
