"""The plain data every stage passes on: findings, fixes and their edits."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Applicability(str, enum.Enum):
    """ruff's fix-safety model: safe fixes apply with ``--fix``, unsafe ones also need
    ``--unsafe-fixes`` because they may change behaviour beyond the bug."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace the text between two positions (1-based lines, 0-based columns, in
    characters of the decoded source) with ``content``."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str
    # In a notebook, the 1-based number of the cell the lines are in (every cell
    # counts, as editors number them); 0 in a Python file.
    cell: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            **({"cell": self.cell} if self.cell else {}),
            "line": self.line,
            "column": self.column + 1,
            "end_line": self.end_line,
            "end_column": self.end_column + 1,
            "content": self.content,
        }


@dataclass(frozen=True)
class Fix:
    applicability: Applicability
    edits: tuple[Edit, ...]
    message: str = ""

    def applies(self, unsafe_fixes: bool) -> bool:
        """Whether ``--fix`` applies it (``unsafe_fixes``: with ``--unsafe-fixes``)."""
        return self.applicability is Applicability.SAFE or unsafe_fixes

    def to_json(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability.value,
            "message": self.message,
            "edits": [e.to_json() for e in self.edits],
        }


@dataclass(frozen=True)
class Finding:
    """One diagnostic. ``line``/``end_line`` are 1-based; ``column``/``end_column`` are
    0-based character offsets (printed 1-based, as flake8 does). In a notebook, ``cell``
    is the cell's 1-based number and the lines count from the cell's first line."""

    path: str
    line: int
    column: int
    code: str
    message: str
    end_line: int = 0
    end_column: int = 0
    fix: Fix | None = None
    # Lines on which a noqa comment suppresses this finding: its own line, and
    # the first and last line of the statement it sits in.
    noqa_lines: frozenset[int] = field(default=frozenset(), compare=False)
    cell: int = 0  # a notebook's cell (1-based); 0 in a Python file
    # With --confirm: what the run says of it ("confirmed", "not confirmed", "not
    # reached", "not confirmable"; torchlint.runtime.confirm).
    confirmation: str | None = None
    # A finding about a line of another file of the project, reported here at the
    # line that led there: the real path of that file, which reports it itself when
    # the same run lints it (``torchlint.lint.forward``).
    fallback: str = field(default="", compare=False)

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (self.path, self.cell, self.line, self.column, self.code, self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            **({"cell": self.cell} if self.cell else {}),
            "line": self.line,
            "column": self.column + 1,
            "end_line": self.end_line or self.line,
            "end_column": (self.end_column if self.end_line else self.column) + 1,
            "code": self.code,
            "message": self.message,
            "fix": self.fix.to_json() if self.fix else None,
        } | ({"confirmation": self.confirmation} if self.confirmation else {})


@dataclass(frozen=True)
class Problem:
    """Something that stopped a file from being linted (missing, unreadable, a rule
    that crashed on it). Printed to stderr; makes the exit code 2."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"
