"""torchlint as a flake8 plugin: ``flake8 --select TL`` runs the same engine on the
same text and reports the same codes, lines, columns and messages as ``torchlint``.

Registered as ``[project.entry-points."flake8.extension"] TL = ...``. What it does
differently, because flake8 is the host:

- **Selection** is flake8's: ``--select``/``--extend-select``/``--ignore`` and the
  ``[flake8]`` config (``per-file-ignores`` too). Rules that are off by default in
  torchlint (``--list-rules``) run only when flake8 selects them explicitly, e.g.
  ``--extend-select TL103`` or ``--select TL``. ``[tool.torchlint]`` is not read.
- **noqa** is flake8's: findings are handed to flake8 unfiltered so that flake8
  applies ``# noqa`` itself (and ``--disable-noqa`` shows everything). The one
  torchlint extension kept is the statement-wide comment: a ``# noqa`` on the first or
  last line of a multi-line statement also suppresses findings on its other lines.
- **Syntax errors and unreadable files** are flake8's own ``E999`` / ``E902``; flake8
  runs no plugin on them, so ``TL000`` never appears here.
- A file torchlint cannot analyse (an internal error) is reported on stderr as
  ``torchlint: error: PATH: MESSAGE``, as the command does, and yields no finding.

Columns: flake8 prints ``col + 1``; findings carry 0-based columns, so what flake8
prints is what ``torchlint`` prints.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import sys
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from torchlint import __version__
from torchlint.lint.findings import Finding

PREFIX = "TL"

# (line, 0-based column, "CODE message", plugin type), what flake8 expects of run().
Result = tuple[int, int, str, type[Any]]


class Plugin:
    """A flake8 AST plugin. flake8 classifies plugins by their parameters, so this one
    accepts ``tree``, but it lints ``lines`` (the text flake8 read, BOM stripped): the
    engine parses with LibCST, and ``lines`` spares it re-reading or re-decoding."""

    name = "torchlint"
    version = __version__

    # Set by parse_options (in flake8's main process and in each of its workers).
    _options: ClassVar[argparse.Namespace | None] = None
    _codes: ClassVar[frozenset[str] | None] = None

    def __init__(self, tree: ast.AST, filename: str, lines: Sequence[str]) -> None:
        self.filename = filename
        self.lines = lines

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        cls._options = options
        cls._codes = None  # recomputed lazily from these options

    @classmethod
    def enabled_codes(cls) -> frozenset[str]:
        if cls._codes is None:
            cls._codes = _codes_for(cls._options)
        return cls._codes

    def run(self) -> Iterator[Result]:
        options = self._options
        if options is not None and not _may_select_prefix(options):
            return  # e.g. flake8 --select E: do not even import the engine
        codes = self.enabled_codes()
        if not codes:
            return
        text = "".join(self.lines)
        disable_noqa = bool(getattr(options, "disable_noqa", False))
        for finding in _lint(self.filename, text, codes, disable_noqa):
            yield finding.line, finding.column, f"{finding.code} {finding.message}", type(self)


def _lint(path: str, text: str, codes: frozenset[str], disable_noqa: bool) -> list[Finding]:
    from torchlint.lint import engine, noqa

    try:
        result = engine.lint_text(path, text, codes, apply_noqa=False)
    except RecursionError:
        _problem(path, "not analysed: nested too deeply")
        return []
    except MemoryError:
        _problem(path, "not analysed: out of memory")
        return []
    except Exception as exc:  # noqa: BLE001 - a bug must not stop flake8's other checks
        _problem(path, f"internal error: {type(exc).__name__}: {exc}")
        return []
    for problem in result.problems:
        _problem(problem.path, problem.message)
    findings = result.findings
    if disable_noqa:
        return findings
    comments = noqa.noqa_map(text)
    if not comments:
        return findings
    out = []
    for f in findings:
        if noqa.suppressed(f, comments) and not noqa.suppressed(
            dataclasses.replace(f, noqa_lines=frozenset({f.line})), comments
        ):
            # Suppressed only through another line of its statement: flake8 looks at
            # the finding's own line, so drop it here to match torchlint.
            continue
        # Kept even when its own line says noqa: flake8 suppresses (and counts) it.
        out.append(f)
    return out


def _problem(path: str, message: str) -> None:
    print(f"torchlint: error: {path}: {message}", file=sys.stderr)


def _may_select_prefix(options: argparse.Namespace) -> bool:
    """Cheap test whether flake8 can select any ``TL`` code at all (so that
    ``flake8 --select E`` never pays for importing the engine)."""
    select = getattr(options, "select", None)
    chosen = list(select) if select is not None else ["TL"]
    chosen += list(getattr(options, "extend_select", None) or [])
    return any(s.startswith(PREFIX) or PREFIX.startswith(s) for s in chosen if s)


def _codes_for(options: argparse.Namespace | None) -> frozenset[str]:
    """The rules to run: those flake8 will report, less torchlint's opt-in rules unless
    flake8 selects them explicitly (by code or prefix)."""
    from torchlint.rules import registry

    rules = registry.all_rules()
    if options is None:  # not configured through flake8 (e.g. used as a library)
        return frozenset(code for code, rule in rules.items() if rule.default_enabled)
    from flake8.style_guide import (  # type: ignore[import-untyped]
        Decision,
        DecisionEngine,
        Selected,
    )

    decider = DecisionEngine(options)
    out = set()
    for code, rule in rules.items():
        if decider.decision_for(code) is not Decision.Selected:
            continue
        if rule.default_enabled or decider.was_selected(code) is Selected.Explicitly:
            out.add(code)
    return frozenset(out)
