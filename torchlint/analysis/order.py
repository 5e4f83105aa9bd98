"""Source order, for messages that point at a related location.

A message that says a value "meets the inputs at line 102" or "is used at line 57"
tells the reader where to look *next*: the location must come after the value is
made. In a loop a use written above the assignment does run later (in the next
iteration), but pointing there reads as a use before the value exists; rules pick
the first use written after it instead, or say nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

import libcst as cst

from torchlint.lint.traverse import nodes


def precedes(first: cst.CSTNode, second: cst.CSTNode, root: cst.CSTNode) -> bool | None:
    """True when ``first`` starts before ``second`` under ``root`` (an ancestor starts
    before its descendants), False when after; None when either is not under
    ``root``."""
    seen_first = seen_second = False
    for node in nodes(root, cst.CSTNode):
        if node is first:
            seen_first = True
            if not seen_second:
                return True
        if node is second:
            seen_second = True
            if not seen_first:
                # ``second`` comes first, unless ``first`` never shows up
                return False if contains(root, first) else None
    return None


def after(
    anchor: cst.CSTNode, candidates: Iterable[cst.CSTNode], root: cst.CSTNode
) -> list[cst.CSTNode]:
    """The candidates written after ``anchor`` under ``root``, in source order."""
    wanted = {id(c) for c in candidates}
    out: list[cst.CSTNode] = []
    seen = False
    for node in nodes(root, cst.CSTNode):
        if node is anchor:
            seen = True
            continue
        if seen and id(node) in wanted:
            out.append(node)
    return out


def contains(root: cst.CSTNode, node: cst.CSTNode) -> bool:
    """``node`` is ``root`` or one of its descendants."""
    return any(n is node for n in nodes(root, cst.CSTNode))


def innermost_function(
    functions: Iterable[cst.FunctionDef], node: cst.CSTNode
) -> cst.FunctionDef | None:
    """The innermost of ``functions`` (a file's) that holds ``node``; None if none does."""
    holding = [fn for fn in functions if contains(fn, node)]
    return next((fn for fn in holding if all(g is fn or contains(g, fn) for g in holding)), None)


def written_before(first: cst.CSTNode, second: cst.CSTNode, root: cst.CSTNode) -> bool:
    """``first`` is written entirely above ``second`` (it starts first and does not
    contain it)."""
    return precedes(first, second, root) is True and not contains(first, second)
