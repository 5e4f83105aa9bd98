"""Jupyter notebooks (``.ipynb``), linted as ruff lints them: the code cells, in order,
as one program, so that what cell 2 does to a model is known when cell 5 calls it.

Three pieces, each a function of plain text:

- ``load``: the notebook's JSON (read with the standard library) -> its code cells,
  numbered 1, 2, ... over *every* cell (markdown and raw cells count), as editors
  number them.
- ``Program``: the code cells joined into one Python text for the engine. Each cell is
  preceded by a marker comment line (``#<torchlint cell 3>``), so that where a line
  of the program comes from can be read off the program text itself, before and
  after fixes (``CellMap``). IPython syntax that is not Python keeps its line, as a
  placeholder: a line magic (``%matplotlib inline``), a shell line (``!pip install
  x``) or a help line (``torch.zeros?``) becomes ``pass`` (``files = !ls`` becomes
  ``files = ...``) with a marker comment, and a cell run by a cell magic other than
  those that run Python (``%%time``, ``%%timeit``, ``%%capture``, ...), e.g.
  ``%%bash``, is left out. A cell that still does not parse is one syntax error
  (``TL000``) in that cell, and is left out; the other cells are linted.
- ``NotebookFile.updated``: new cell sources -> the notebook's new JSON text, with
  only the ``source`` values of the changed cells rewritten (in the layout they had:
  a string, or a list of lines indented as before; unchanged lines keep their exact
  JSON spelling). Outputs, metadata, key order, indentation and the final newline
  are the original bytes.

Finding positions come back per cell (``to_cells``): ``Finding.cell`` is the cell's
number and the lines count from the cell's first line.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from torchlint.lint.findings import Finding
from torchlint.lint.source import LINE_BREAK, SourceError, SourceFile, physical_lines
from torchlint.rules.registry import SYNTAX_ERROR

SUFFIX = ".ipynb"

# Cell magics whose body is Python, run in the notebook's namespace: the body is
# linted (the magic's own line is a placeholder). Any other cell magic (%%bash,
# %%html, %%writefile, %%sql, ...) makes the cell something else: it is left out.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})

_CELL_MARK = "#<torchlint cell {}>"
_CELL_MARK_LINE = re.compile(r"#<torchlint cell ([1-9][0-9]*)>")
_MAGIC_MARK = "#<torchlint: IPython>"

# %magic, %%magic (not on a cell's first line: a line magic), !shell, ?help, ??help
_ESCAPED = re.compile(r"[ \t]*[%!?]")
# obj?, obj.attr??: IPython's help
_HELP_AFTER = re.compile(r"[ \t]*[A-Za-z_][\w.]*\?\??[ \t]*")
# files = !ls, t = %timeit -o f(x): the assignment keeps its targets
_ASSIGNED = re.compile(r"([ \t]*[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*)[%!]")
_CELL_MAGIC = re.compile(r"[ \t]*%%([A-Za-z_]\w*)")


def is_notebook(path: str) -> bool:
    return path.lower().endswith(SUFFIX)


# ------------------------------------------------------------------ the file


@dataclass(frozen=True)
class Cell:
    """A code cell: its 1-based number among all the notebook's cells, its source."""

    number: int
    text: str


@dataclass(frozen=True)
class NotebookFile:
    source: SourceFile  # the JSON text, and how to write it back (BOM)
    cells: tuple[Cell, ...]  # the code cells
    language: str  # the kernel's language, lower case ("python" when not said)

    def cell(self, number: int) -> Cell | None:
        return next((c for c in self.cells if c.number == number), None)

    def updated(self, texts: Mapping[int, str]) -> str:
        """The notebook's JSON text with these cells' sources (cell number -> text)
        replaced; every other byte as it was."""
        raw = self.source.text
        spans = _source_spans(raw)
        ascii_only = raw.isascii()
        newline = "\r\n" if "\r\n" in raw else "\n"
        edits = []
        for number, text in texts.items():
            cell = self.cell(number)
            if cell is None or cell.text == text or number - 1 not in spans:
                continue
            start, end = spans[number - 1]
            value = _render_source(raw, start, end, text, ascii_only, newline)
            edits.append((start, end, value))
        out = raw
        for start, end, value in sorted(edits, reverse=True):
            out = out[:start] + value + out[end:]
        _check_update(raw, out, texts)
        return out


def load(path: str, data: bytes) -> NotebookFile:
    """Read a notebook's bytes. ``SourceError`` (with a message naming the problem)
    for anything that is not an nbformat 4 notebook."""
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"not a valid notebook: not UTF-8 (byte {exc.start}: {exc.reason})"
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"not a valid notebook: invalid JSON at line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg}"
        ) from None
    except RecursionError:
        raise SourceError("not a valid notebook: JSON nested too deeply") from None
    if not isinstance(document, dict) or not isinstance(document.get("cells"), list):
        version = document.get("nbformat") if isinstance(document, dict) else None
        if isinstance(version, int) and version < 4:
            raise SourceError(
                f"nbformat {version} notebooks are not supported, only nbformat 4: "
                "convert it with `jupyter nbconvert --to notebook --inplace`"
            )
        raise SourceError("not a valid notebook: no list of `cells` in the JSON")
    cells = []
    for i, cell in enumerate(document["cells"]):
        if not isinstance(cell, dict):
            raise SourceError(f"not a valid notebook: cell {i + 1} is not a JSON object")
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise SourceError(
                f"not a valid notebook: the `source` of cell {i + 1} is neither a string "
                "nor a list of strings"
            )
        cells.append(Cell(i + 1, source))
    return NotebookFile(
        SourceFile(path=path, text=text, encoding="utf-8", bom=bom),
        tuple(cells),
        _language(document.get("metadata")),
    )


def _language(metadata: Any) -> str:
    if not isinstance(metadata, dict):
        return "python"
    for key, field in (("language_info", "name"), ("kernelspec", "language")):
        table = metadata.get(key)
        if isinstance(table, dict) and isinstance(table.get(field), str) and table[field]:
            return str(table[field]).lower()
    return "python"


# -------------------------------------------------------------- JSON layout

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, i: int) -> int:
    m = _WHITESPACE.match(text, i)
    return m.end() if m else i


def _members(text: str, i: int) -> Iterator[tuple[str, int, int]]:
    """The members of the JSON object that starts at ``text[i]``: each key with the
    span of its value. The text is known to be valid JSON."""
    i = _skip(text, i + 1)
    if text[i] == "}":
        return
    while True:
        key, i = _DECODER.raw_decode(text, i)
        i = _skip(text, _skip(text, i) + 1)  # past the colon
        _, end = _DECODER.raw_decode(text, i)
        yield key, i, end
        i = _skip(text, end)
        if text[i] == "}":
            return
        i = _skip(text, i + 1)  # past the comma


def _elements(text: str, i: int) -> Iterator[tuple[int, int]]:
    """The spans of the elements of the JSON array that starts at ``text[i]``."""
    i = _skip(text, i + 1)
    if text[i] == "]":
        return
    while True:
        _, end = _DECODER.raw_decode(text, i)
        yield i, end
        i = _skip(text, end)
        if text[i] == "]":
            return
        i = _skip(text, i + 1)


def _source_spans(raw: str) -> dict[int, tuple[int, int]]:
    """Cell index (0-based) -> the span of its ``source`` value in the JSON text. For
    duplicate keys the last one counts, as for ``json.loads``."""
    spans: dict[int, tuple[int, int]] = {}
    start = _skip(raw, 0)
    for key, value, _ in _members(raw, start):
        if key != "cells":
            continue
        spans = {}
        for index, (cell, _) in enumerate(_elements(raw, value)):
            for name, begin, end in _members(raw, cell):
                if name == "source":
                    spans[index] = (begin, end)
    return spans


def _render_source(
    raw: str, start: int, end: int, text: str, ascii_only: bool, newline: str
) -> str:
    """The JSON for a cell's new source, in the layout of the old value at
    ``raw[start:end]``: a string stays a string; a list of lines stays a list with
    the old indentation, and its unchanged lines keep their old spelling."""
    if raw[start] == '"':
        return json.dumps(text, ensure_ascii=ascii_only)
    spelled: dict[str, str] = {}
    elements = list(_elements(raw, start))
    for s, e in elements:
        spelled.setdefault(json.loads(raw[s:e]), raw[s:e])
    # Lines as nbformat splits them (str.splitlines), so that unchanged ones match.
    lines = text.splitlines(keepends=True)
    if not lines:
        return "[]"
    tokens = [spelled.get(line) or json.dumps(line, ensure_ascii=ascii_only) for line in lines]
    if elements:
        first = raw[start + 1 : elements[0][0]]
        last = raw[elements[-1][1] : end - 1]
        separator = raw[elements[0][1] : elements[1][0]] if len(elements) > 1 else "," + first
    else:  # "source": [] -- nbformat's layout, one space deeper than the key
        line_start = max(raw.rfind("\n", 0, start), raw.rfind("\r", 0, start)) + 1
        prefix = raw[line_start:start]  # '  "source": '
        indent = prefix[: len(prefix) - len(prefix.lstrip(" \t"))]
        first, last = newline + indent + " ", newline + indent
        separator = "," + first
    return "[" + first + separator.join(tokens) + last + "]"


def _check_update(before: str, after: str, texts: Mapping[int, str]) -> None:
    """The rewritten JSON must hold the same document but for the new sources."""
    old, new = json.loads(before), json.loads(after)
    for i, (a, b) in enumerate(zip(old["cells"], new["cells"], strict=True)):
        source = b.get("source", "")
        expected = texts.get(i + 1)
        joined = "".join(source) if isinstance(source, list) else source
        if expected is not None and a.get("cell_type") == "code" and joined != expected:
            raise SourceError(f"internal error: cell {i + 1} was not rewritten as intended")
        a = {k: v for k, v in a.items() if k != "source"}
        b = {k: v for k, v in b.items() if k != "source"}
        if a != b:
            raise SourceError(f"internal error: rewriting cell {i + 1} changed more than it")
    if {k: v for k, v in old.items() if k != "cells"} != {
        k: v for k, v in new.items() if k != "cells"
    }:
        raise SourceError("internal error: rewriting the notebook changed its metadata")


# ---------------------------------------------------------------- the program


@dataclass(frozen=True)
class _Part:
    """A cell as the program holds it."""

    cell: Cell
    code: str  # placeholders for IPython syntax; ends with a line break
    magics: tuple[tuple[str, str], ...]  # (placeholder line, original line), in order
    added_newline: str  # the line break added at the end ("" when it had one)


class Program:
    """The code cells of a notebook as one Python text (``text``), the syntax errors of
    the cells left out (``errors``, in cell coordinates), and the way back to cells
    (``cell_texts``)."""

    def __init__(self, path: str, cells: Sequence[Cell]) -> None:
        from torchlint.lint.engine import _python_parse

        self.path = path
        newline = next(
            (m.group() for c in cells if (m := LINE_BREAK.search(c.text)) is not None), "\n"
        )
        parts: list[_Part] = []
        self.errors: list[Finding] = []
        for cell in cells:
            converted = _python(cell.text)
            if converted is None:
                continue
            code, magics = converted
            tree = _python_parse(code)
            if isinstance(tree, SyntaxError):
                self.errors.append(_syntax_error(path, cell.number, tree))
                continue
            added = newline if code and not code.endswith(("\n", "\r")) else ""
            parts.append(_Part(cell, code + added, magics, added))
        self.parts = tuple(parts)
        self.text = "".join(_CELL_MARK.format(p.cell.number) + newline + p.code for p in parts)

    def cell_texts(self, text: str) -> dict[int, str]:
        """The cells' sources in ``text`` (this program after fixes), by cell number:
        IPython lines put back, the added final line break taken off. ``SourceError``
        when ``text`` no longer has this program's cells and placeholders."""
        pieces = _split(text)
        if [n for n, _ in pieces] != [p.cell.number for p in self.parts]:
            raise SourceError("the fixed program lost its cell markers; not written")
        out = {}
        for part, (number, code) in zip(self.parts, pieces, strict=True):
            lines = LINE_BREAK.split(code)
            breaks = LINE_BREAK.findall(code)
            magics = iter(part.magics)
            for i, line in enumerate(lines):
                if _MAGIC_MARK not in line:
                    continue
                placeholder, original = next(magics, ("", ""))
                if line != placeholder:
                    raise SourceError(
                        f"a fix changed an IPython line in cell {number}; not written"
                    )
                lines[i] = original
            if next(magics, None) is not None:
                raise SourceError(f"a fix removed an IPython line in cell {number}; not written")
            new = "".join(line + brk for line, brk in zip(lines, [*breaks, ""], strict=True))
            if part.added_newline and new.endswith(("\n", "\r")):
                new = new[: -2 if new.endswith("\r\n") else -1]
            out[number] = new
        return out


def _syntax_error(path: str, cell: int, exc: SyntaxError) -> Finding:
    line = exc.lineno or 1
    column = max((exc.offset or 1) - 1, 0)
    return Finding(
        path,
        line,
        column,
        SYNTAX_ERROR,
        f"syntax error: {exc.msg} (cell {cell} is left out; the other cells are linted)",
        cell=cell,
    )


def _split(text: str) -> list[tuple[int, str]]:
    """The program's cells: (number, the text after its marker line)."""
    out: list[tuple[int, str]] = []
    starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]
    current: tuple[int, int] | None = None  # (number, start of its text)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        line = LINE_BREAK.sub("", text[start:end])
        m = _CELL_MARK_LINE.fullmatch(line)
        if m is None:
            continue
        if current is not None:
            out.append((current[0], text[current[1] : start]))
        current = (int(m.group(1)), end)
    if current is not None:
        out.append((current[0], text[current[1] :]))
    return out


def _python(text: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """The cell's text as Python: IPython lines replaced by placeholders (returned with
    the lines they stand for), or None for a cell run by a non-Python cell magic."""
    lines = LINE_BREAK.split(text)
    breaks = LINE_BREAK.findall(text)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    magics: list[tuple[str, str]] = []
    scan = _Scanner()
    in_magic = False  # the line before is a magic that ends with a backslash
    indent = ""
    for i, line in enumerate(lines):
        if in_magic:
            placeholder = indent + _MAGIC_MARK
        elif scan.continued:
            scan.feed(line)
            continue
        elif i == first and (m := _CELL_MAGIC.match(line)) is not None:
            if m.group(1) not in PYTHON_CELL_MAGICS:
                return None
            placeholder = _MAGIC_MARK
        elif (m := _ASSIGNED.match(line)) is not None:
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            placeholder = f"{m.group(1)}...  {_MAGIC_MARK}"
        elif _ESCAPED.match(line) or _HELP_AFTER.fullmatch(line):
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            placeholder = f"{indent}pass  {_MAGIC_MARK}"
        else:
            scan.feed(line)
            continue
        in_magic = line.endswith("\\")
        magics.append((placeholder, line))
        lines[i] = placeholder
    if not magics:
        return text, ()
    code = "".join(line + brk for line, brk in zip(lines, [*breaks, ""], strict=True))
    return code, tuple(magics)


class _Scanner:
    """Whether the next line continues a logical line begun above it: inside brackets
    or a triple-quoted string, or after a backslash. A ``%`` or ``!`` that starts
    such a line is Python (``(a\\n % b)``) or string text, not IPython. A light scan
    of strings, comments and brackets: enough for this question, not a tokenizer."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote = ""
        self.backslash = False

    @property
    def continued(self) -> bool:
        return self.depth > 0 or bool(self.quote) or self.backslash

    def feed(self, line: str) -> None:
        self.backslash = False
        i, n = 0, len(line)
        while i < n:
            c = line[i]
            if self.quote:
                if c == "\\":
                    i += 2
                elif line.startswith(self.quote, i):
                    i += len(self.quote)
                    self.quote = ""
                else:
                    i += 1
                continue
            if c == "#":
                break
            if c in "([{":
                self.depth += 1
            elif c in ")]}":
                self.depth = max(self.depth - 1, 0)
            elif c in "'\"":
                self.quote = line[i : i + 3] if line[i : i + 3] in ('"""', "'''") else c
                i += len(self.quote)
                continue
            elif c == "\\" and i == n - 1:
                self.backslash = True
            i += 1
        if len(self.quote) == 1 and not line.endswith("\\"):
            self.quote = ""  # a one-line string left open: Python reports it


# --------------------------------------------------------------- cell positions


class CellMap:
    """Where each line of a program text (``Program.text``, before or after fixes)
    comes from: read off its cell marker lines."""

    def __init__(self, text: str) -> None:
        self.where: list[tuple[int, int]] = []  # program line - 1 -> (cell, line in cell)
        cell, start = 0, 0
        for n, line in enumerate(physical_lines(text), start=1):
            m = _CELL_MARK_LINE.fullmatch(line)
            if m is not None:
                cell, start = int(m.group(1)), n
            self.where.append((cell, n - start))

    def locate(self, line: int) -> tuple[int, int]:
        """(cell number, 1-based line in the cell) of a 1-based program line."""
        if not self.where:
            return 0, line
        if line > len(self.where):  # past the end (end of file): the last cell's
            cell, last = self.where[-1]
            return cell, last + line - len(self.where)
        cell, n = self.where[max(line, 1) - 1]
        return cell, max(n, 1)

    def label(self, line: int) -> str:
        cell, n = self.locate(line)
        return f"cell {cell}, line {n}"


def line_labels(text: str) -> Callable[[int], str]:
    """For ``engine.lint_text(line_labels=...)``: messages name notebook lines as
    "cell 2, line 3"."""
    return CellMap(text).label


def to_cells(findings: Sequence[Finding], text: str) -> list[Finding]:
    """Findings on the program ``text`` -> the same findings in cell coordinates."""
    if not findings:
        return []
    where = CellMap(text)
    return [_to_cell(f, where) for f in findings]


def _to_cell(f: Finding, where: CellMap) -> Finding:
    cell, line = where.locate(f.line)
    end_line = f.end_line
    if end_line:
        end_cell, end_line = where.locate(end_line)
        if end_cell != cell:  # cannot happen for a node of one cell; never mislead
            end_line = 0
    fix = f.fix
    if fix is not None:
        edits = []
        for e in fix.edits:
            c, start = where.locate(e.line)
            c_end, stop = where.locate(e.end_line)
            if c != cell or c_end != cell:
                fix = None
                break
            edits.append(replace(e, line=start, end_line=stop, cell=cell))
        else:
            fix = replace(fix, edits=tuple(edits))
    noqa = frozenset(n for c, n in map(where.locate, f.noqa_lines) if c == cell)
    return replace(
        f,
        cell=cell,
        line=line,
        end_line=end_line,
        end_column=f.end_column if end_line else 0,
        fix=fix,
        noqa_lines=noqa,
    )
