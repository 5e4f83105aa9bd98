"""Where the nodes a file's findings name are: line and column, as LibCST's
``PositionProvider`` gives them, without paying for it on the whole file.

``PositionProvider`` regenerates the whole module with position bookkeeping on every
node; on the corpus's largest files that costs 1.2-2x the parse itself, for the two
or three nodes a finding names. Here only the statements that hold a wanted node are
regenerated, with LibCST's own position-recording codegen state, started at the line
CPython's parser gives for the statement. Inside a class, only the members that hold
a wanted node. The regenerated code must equal the text at that line; anything that
does not check out falls back to ``PositionProvider``, so a position is never a
guess.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping, Sequence

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider
from libcst.metadata.position_provider import PositionProvidingCodegenState

from torchlint.lint.source import LINE_BREAK
from torchlint.lint.traverse import children, nodes


class Offsets:
    """(line, column) -> index into the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in LINE_BREAK.finditer(text))]

    def index(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column


class _Computed:
    """What ``PositionProvidingCodegenState`` writes into (a provider's table)."""

    def __init__(self) -> None:
        self._computed: dict[cst.CSTNode, CodeRange] = {}


def positions(
    module: cst.Module,
    offsets: Offsets,
    tree: ast.Module | None,
    wanted: Iterable[cst.CSTNode],
) -> Mapping[cst.CSTNode, CodeRange]:
    """The position of every ``wanted`` node. ``offsets`` is of the text ``module``
    was parsed from; ``tree`` is CPython's tree of a text with the same lines."""
    want = {id(node): node for node in wanted}
    if tree is not None and want:
        found: dict[cst.CSTNode, CodeRange] = {}
        try:
            ok = _block(module, offsets, module.body, tree.body, [], want, found)
        except (IndexError, AttributeError, TypeError, KeyError):
            ok = False
        if ok and len(found) == len(want):
            return found
    return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)


def _within(node: cst.CSTNode, want: Mapping[int, cst.CSTNode]) -> bool:
    return any(id(item) in want for item in nodes(node, cst.CSTNode))


def _pairs(
    statements: Sequence[cst.BaseStatement], trees: Sequence[ast.stmt]
) -> list[tuple[cst.BaseStatement, ast.stmt]] | None:
    """Each LibCST statement with CPython's first statement of it (a simple
    statement line ``a = 1; b = 2`` is two statements for CPython)."""
    out = []
    i = 0
    for stmt in statements:
        if i >= len(trees):
            return None
        out.append((stmt, trees[i]))
        i += len(stmt.body) if isinstance(stmt, cst.SimpleStatementLine) else 1
    return out if i == len(trees) else None


def _block(
    module: cst.Module,
    offsets: Offsets,
    statements: Sequence[cst.BaseStatement],
    trees: Sequence[ast.stmt],
    indent: list[str],
    want: Mapping[int, cst.CSTNode],
    found: dict[cst.CSTNode, CodeRange],
) -> bool:
    pairs = _pairs(statements, trees)
    if pairs is None:
        return False
    for stmt, tree in pairs:
        if not _within(stmt, want):
            continue
        body = stmt.body if isinstance(stmt, cst.ClassDef) else None
        if (
            isinstance(body, cst.IndentedBlock)
            and isinstance(tree, ast.ClassDef)
            and id(stmt) not in want
            and id(body) not in want
            and not any(_within(s, want) for s in children(stmt) if s is not body)
        ):
            # Only members of the class are wanted: regenerate those alone.
            inner = [*indent, module.default_indent if body.indent is None else body.indent]
            if not _block(module, offsets, body.body, tree.body, inner, want, found):
                return False
        elif not _regenerate(module, offsets, stmt, tree, indent, want, found):
            return False
    return True


def _regenerate(
    module: cst.Module,
    offsets: Offsets,
    stmt: cst.BaseStatement,
    tree: ast.stmt,
    indent: list[str],
    want: Mapping[int, cst.CSTNode],
    found: dict[cst.CSTNode, CodeRange],
) -> bool:
    # The codegen of a statement starts with its leading (blank or comment) lines,
    # then, for a decorated definition, the first decorator's own leading lines.
    first = tree.lineno
    before = len(getattr(stmt, "leading_lines", ()))
    decorators = getattr(stmt, "decorators", ())
    if decorators:
        first = tree.decorator_list[0].lineno  # type: ignore[attr-defined]
        before += len(decorators[0].leading_lines)
    line = first - before
    if line < 1 or line > len(offsets.starts):
        return False
    computed = _Computed()
    state = PositionProvidingCodegenState(
        default_indent=module.default_indent,
        default_newline=module.default_newline,
        provider=computed,  # type: ignore[arg-type]
    )
    state.line = line
    state.indent_tokens = list(indent)
    stmt._codegen(state)
    code = "".join(state.tokens)
    start = offsets.index(line, 0)
    text = offsets.text
    # (The last statement of a file without a final line break lacks its last token.)
    if not text.startswith(code, start) and text[start:] != "".join(state.tokens[:-1]):
        return False
    # Only this statement's nodes: looking up every wanted node of the file here made
    # positions quadratic in a file with many findings.
    for node, where in computed._computed.items():
        if id(node) in want:
            found[node] = where
    return True
