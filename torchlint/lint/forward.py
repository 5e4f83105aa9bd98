"""Findings about a line of another file of the project: the CPU tensor that a helper
in ``utils.py`` makes, found from the call in ``train.py`` that hands it a CUDA index.
The line to change is the helper's, so when ``utils.py`` is linted in the same run
the finding is that file's, on that line, naming the call that led there. When it is
not (``torchlint train.py``, an editor, flake8), ``train.py`` reports it at its call,
as before: that finding is the "fallback" of the forwarded one.

The engine runs the rules that met such a line a second time, in forward mode
(``LintContext.forward``), and turns what they report in other files into findings
of those files (``forwarded``); the batch runner hands them to their files and drops
the fallbacks they replace (``torchlint.batch.runner``). A forwarded finding carries
no fix: a fix edits the file being linted, and the target's own run writes its fixes.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import CodeRange

from torchlint.analysis import Analysis
from torchlint.analysis.project import Home
from torchlint.lint import noqa
from torchlint.lint.findings import Finding
from torchlint.lint.positions import Offsets
from torchlint.lint.positions import positions as locate
from torchlint.lint.traverse import walk
from torchlint.rules.rule import LintContext, Rule, ScopeTracker, name_line


def forward_reports(
    module: cst.Module, analysis: Analysis, rules: Sequence[type[Rule]], first: LintContext
) -> LintContext:
    """The forward traversal of the rules that met a line of another file in the
    first one (``first.foreign``); its reports on other files' nodes are kept."""
    codes = {code for code, _ in first.foreign}
    again = LintContext(module, analysis, forward=True)
    walk(module, [ScopeTracker(again), *(r(again) for r in rules if r.code in codes)])
    again.reports = [r for r in again.reports if not again.in_this_file(r.node)]
    return again


@dataclass
class _Source:
    path: str
    module: cst.Module
    offsets: Offsets
    tree: ast.Module | None
    home: Home | None  # None: the file being linted


class _Places:
    """The files a run of the engine read (the one linted, and the others of the
    project its analysis followed), and where a node of any of them is."""

    def __init__(
        self,
        path: str,
        text: str,
        module: cst.Module,
        tree: ast.Module | None,
        homes: Sequence[Home],
    ) -> None:
        self.this = _Source(path, module, Offsets(text), tree, None)
        self.sources = [self.this] + [
            _Source(h.path, h.analysis.module, Offsets(h.text), h.tree, h)
            for h in homes
            if h.path is not None and h.analysis.module is not None
        ]
        self._spots: dict[int, Mapping[cst.CSTNode, CodeRange]] = {}

    def owner(self, node: cst.CSTNode) -> _Source:
        for source in self.sources[1:]:
            assert source.home is not None
            if source.home.owns(node):
                return source
        return self.this

    def locate(self, wanted: Sequence[cst.CSTNode]) -> None:
        by_source: dict[int, list[cst.CSTNode]] = {}
        for node in wanted:
            by_source.setdefault(id(self.owner(node)), []).append(node)
        for source in self.sources:
            found = by_source.get(id(source))
            if found:
                self._spots[id(source)] = locate(source.module, source.offsets, source.tree, found)

    def range(self, node: cst.CSTNode) -> CodeRange:
        return self._spots[id(self.owner(node))][node]

    def name(self, node: cst.CSTNode, seen_from: _Source) -> str:
        """ "line 12", or "line 12 of utils.py" for a line of another file."""
        source = self.owner(node)
        line = f"line {self.range(node).start.line}"
        if source is seen_from:
            return line
        where = os.path.dirname(os.path.abspath(seen_from.path))
        return f"{line} of {os.path.relpath(os.path.abspath(source.path), where)}"


def targets(first: LintContext, forward: LintContext) -> dict[tuple[str, int], str]:
    """(rule code, id of a node of the first traversal's report) -> the path of the
    file that reports it instead, for the reports the forward traversal moved."""
    homes = [h for h in first.analysis.files if h.path is not None]
    moved = {(r.code, id(r.node)) for r in forward.reports}
    out = {}
    for (code, at), line in first.foreign.items():
        if (code, id(line)) in moved:
            home = next((h for h in homes if h.owns(line)), None)
            if home is not None and home.path is not None:
                out[(code, at)] = os.path.realpath(home.path)
    return out


def findings(
    path: str,
    text: str,
    module: cst.Module,
    tree: ast.Module | None,
    forward: LintContext,
    homes: Sequence[Home],
) -> list[Finding]:
    """The forward traversal's reports as findings of the files they land in, each
    message ending with the line of this file that led there; noqa comments of
    those files apply (a suppressed one still replaces its fallback)."""
    places = _Places(path, text, module, tree, homes)
    wanted: list[cst.CSTNode] = []
    for report in forward.reports:
        wanted.append(report.node)
        wanted.extend(node for _, node in report.related)
        if report.statement is not None:
            wanted.append(report.statement)
        here = forward.reached_from.get(id(report.node))
        if here is not None:
            wanted.append(here)
    places.locate(wanted)
    out: dict[int, list[Finding]] = {}
    for report in forward.reports:
        target = places.owner(report.node)
        where = places.range(report.node)
        lines = {where.start.line, where.end.line}
        if report.statement is not None and places.owner(report.statement) is target:
            stmt = places.range(report.statement)
            lines |= {stmt.start.line, stmt.end.line}
        message = report.message
        for name, node in report.related:
            spot = places.name(node, target)
            message = name_line(message, name, spot, spot.removeprefix("line "))
        here = forward.reached_from.get(id(report.node))
        if here is not None:
            message += f" (reached from {places.name(here, target)})"
        out.setdefault(id(target), []).append(
            Finding(
                path=target.path,
                line=where.start.line,
                column=where.start.column,
                end_line=where.end.line,
                end_column=where.end.column,
                code=report.code,
                message=message,
                noqa_lines=frozenset(lines),
            )
        )
    kept: list[Finding] = []
    for source in places.sources:
        found = out.get(id(source))
        if not found or source.home is None:
            continue
        if not noqa.skip_file(source.home.text):
            kept.extend(noqa.filter_findings(found, source.home.text))
    return kept
