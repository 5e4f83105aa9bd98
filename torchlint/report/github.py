"""``--format github``: GitHub Actions workflow commands, one per finding, which the
runner turns into annotations on the pull request's diff::

    ::error file=src/model.py,line=12,col=9,endLine=12,endColumn=20,title=TL101::message

Paths are relative to the current folder (the repository root in CI) with forward
slashes; columns are 1-based and ``endColumn`` is the column just past the finding,
as in ``--format json`` and SARIF. GitHub accepts columns only on one line, so a
finding that spans lines has ``line`` and ``endLine`` alone. Values are escaped as the
runner unescapes them: ``%``, CR and LF everywhere, and ``:`` and ``,`` as well
inside properties. A file that could not be linted is an ``::error`` with title
``torchlint``; a file skipped for its size (``max-file-size``) is a ``::warning``.

A finding in a notebook cell is an annotation of the notebook as a whole, its place
in the message (``cell 3, line 2, column 5: ...``): GitHub places a line annotation
on a line of the ``.ipynb`` file's JSON, which a cell's line number is not.
"""

from __future__ import annotations

from collections.abc import Sequence

from torchlint.lint.findings import Finding, Problem
from torchlint.report import paths


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _workflow_command(level: str, message: str, properties: dict[str, str | int]) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level} {props}::{escape_data(message)}"


def command(message: str, **properties: str | int) -> str:
    return _workflow_command("error", message, properties)


def warning(message: str, **properties: str | int) -> str:
    return _workflow_command("warning", message, properties)


def format_finding(f: Finding) -> str:
    if f.cell:
        place = f"cell {f.cell}, line {f.line}, column {f.column + 1}"
        return command(f"{place}: {f.message}", file=paths.display(f.path), title=f.code)
    where: dict[str, str | int] = {"file": paths.display(f.path), "line": f.line}
    if not f.end_line:
        where["col"] = f.column + 1
    elif f.end_line == f.line:
        where.update(col=f.column + 1, endLine=f.end_line, endColumn=f.end_column + 1)
    else:
        where["endLine"] = f.end_line
    return command(f.message, **where, title=f.code)


def render(
    findings: Sequence[Finding], problems: Sequence[Problem] = (), skipped: Sequence[Problem] = ()
) -> str:
    lines = [format_finding(f) for f in findings]
    lines += [
        command(p.message, file=paths.display(p.path), title="torchlint")
        for p in sorted(problems, key=lambda p: (p.path, p.message))
    ]
    lines += [
        warning(p.message, file=paths.display(p.path), title="torchlint")
        for p in sorted(skipped, key=lambda p: (p.path, p.message))
    ]
    return "".join(line + "\n" for line in lines)
