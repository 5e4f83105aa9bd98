"""``--format junit``: JUnit XML, for CI systems that show test reports (GitLab,
Jenkins, Azure Pipelines, ...).

One ``<testsuite name="torchlint">`` (inside ``<testsuites>``); a ``<testcase>`` per
linted file, named by its path (relative to the current folder, forward slashes).
A file with findings fails: one ``<failure>`` per finding, ``type`` the code,
``message`` the code and message, the text ``path:line:col: CODE message`` as the
text format prints it (``path:cell N:line:col: ...`` in a notebook). A file that
could not be linted has an ``<error>``; a file skipped for its size
(``max-file-size``) or a notebook in another language a ``<skipped>``. Clean files
are passing test cases, so the report also says what was checked. Characters that
XML 1.0 cannot hold (control characters quoted from the source) are written as
``\\xNN``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from torchlint.lint.findings import Finding, Problem
from torchlint.report import paths
from torchlint.report.text import location

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def render(
    findings: Sequence[Finding],
    files: Iterable[str] = (),
    problems: Sequence[Problem] = (),
    skipped: Sequence[Problem] = (),
) -> str:
    """``files``: every file that was linted (those without findings become passing
    test cases); files with findings, problems or skipped are always included."""
    by_file: dict[str, tuple[list[Finding], list[Problem], list[Problem]]] = {}
    for path in files:
        by_file.setdefault(path, ([], [], []))
    for f in findings:
        by_file.setdefault(f.path, ([], [], []))[0].append(f)
    for p in problems:
        by_file.setdefault(p.path, ([], [], []))[1].append(p)
    for p in skipped:
        by_file.setdefault(p.path, ([], [], []))[2].append(p)

    failed = sum(1 for fs, _, _ in by_file.values() if fs)
    errored = sum(1 for _, ps, _ in by_file.values() if ps)
    n_skipped = sum(1 for fs, ps, ss in by_file.values() if ss and not fs and not ps)
    counts = {"tests": str(len(by_file)), "failures": str(failed), "errors": str(errored)}
    root = ET.Element("testsuites", {"name": "torchlint", **counts})
    suite = ET.SubElement(
        root, "testsuite", {"name": "torchlint", **counts, "skipped": str(n_skipped)}
    )
    for path in sorted(by_file):
        fs, ps, ss = by_file[path]
        name = _xml_text(paths.display(path))
        case = ET.SubElement(
            suite, "testcase", {"classname": "torchlint", "name": name, "file": name}
        )
        for f in fs:
            failure = ET.SubElement(
                case, "failure", {"type": f.code, "message": _xml_text(f"{f.code} {f.message}")}
            )
            failure.text = _xml_text(f"{name}:{location(f)}: {f.code} {f.message}")
        for p in ps:
            error = ET.SubElement(
                case, "error", {"type": "torchlint", "message": _xml_text(p.message)}
            )
            error.text = _xml_text(f"{name}: {p.message}")
        for p in ss:
            ET.SubElement(case, "skipped", {"message": _xml_text(p.message)})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
