"""One traversal of a LibCST tree for all rules of a file.

``libcst.visit_batched`` does the same job, but measured on the corpus it cost 1.6x
the parse itself (``bench/README.md``): it looks up every visitor's methods with
``inspect.getmembers`` per instance, and every ``node.visit`` rebuilds the node's
children through ``_visit_and_replace_children`` although nothing changes. This
walker reads the (frozen dataclass) fields directly, skips the whitespace and
punctuation fields no rule looks into, and dispatches to a per-class table of
``visit_<Node>`` / ``leave_<Node>`` functions computed once.

Order: parents before children (``visit_X``), children in source order, ``leave_X``
after the children: what LibCST gives for every node a rule can ask for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any, TypeVar

import libcst as cst

Handler = Callable[[Any, cst.CSTNode], object]
N = TypeVar("N", bound=cst.CSTNode)

# Fields that hold only whitespace, comments, or punctuation: no statement or
# expression lives under them.
_SKIPPED_FIELDS = frozenset(
    """
    lpar rpar leading_lines lines_after_decorators header footer semicolon comma dot
    colon equal star_tok trailing_whitespace newline first_line empty_lines
    asynchronous operator whitespace_before whitespace_after
    """.split()
)

# Nodes whose dataclass field order differs from the source order of the children
# a rule can see: decorators come first in the source.
_FIELD_ORDER: dict[type[cst.CSTNode], tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
}


@cache
def _child_fields(kind: type[cst.CSTNode]) -> tuple[str, ...]:
    order = _FIELD_ORDER.get(kind)
    names = [f.name for f in dataclasses.fields(kind)]  # type: ignore[arg-type]
    if order is not None:
        names = [n for n in order if n in names] + [n for n in names if n not in order]
    return tuple(n for n in names if n not in _SKIPPED_FIELDS and not n.startswith("whitespace"))


@cache
def _handlers(
    visitor_class: type[cst.BatchableCSTVisitor],
) -> tuple[dict[str, Handler], dict[str, Handler]]:
    visits: dict[str, Handler] = {}
    leaves: dict[str, Handler] = {}
    for name in dir(visitor_class):
        if name.startswith("visit_"):
            fn = getattr(visitor_class, name)
            if callable(fn) and getattr(cst.BatchableCSTVisitor, name, None) is not fn:
                visits[name[6:]] = fn
        elif name.startswith("leave_"):
            fn = getattr(visitor_class, name)
            if callable(fn) and getattr(cst.BatchableCSTVisitor, name, None) is not fn:
                leaves[name[6:]] = fn
    return visits, leaves


def walk(module: cst.CSTNode, visitors: Sequence[cst.BatchableCSTVisitor]) -> None:
    """Call every visitor's ``visit_<Node>(node)`` and ``leave_<Node>(node)`` for
    every node of the tree, in the visitors' order (return values are ignored, as
    in ``libcst.visit_batched``)."""
    visit: dict[str, list[tuple[Handler, object]]] = {}
    leave: dict[str, list[tuple[Handler, object]]] = {}
    for visitor in visitors:
        visits, leaves = _handlers(type(visitor))
        for name, fn in visits.items():
            visit.setdefault(name, []).append((fn, visitor))
        for name, fn in leaves.items():
            leave.setdefault(name, []).append((fn, visitor))
    _walk(module, visit, leave)


def _walk(
    node: cst.CSTNode,
    visit: dict[str, list[tuple[Handler, object]]],
    leave: dict[str, list[tuple[Handler, object]]],
) -> None:
    kind = type(node)
    name = kind.__name__
    before = visit.get(name)
    if before is not None:
        for fn, visitor in before:
            fn(visitor, node)
    for field in _child_fields(kind):
        value = getattr(node, field)
        if _is_node(type(value)):
            _walk(value, visit, leave)
        elif type(value) is tuple or type(value) is list:
            for item in value:
                if _is_node(type(item)):
                    _walk(item, visit, leave)
    after = leave.get(name)
    if after is not None:
        for fn, visitor in after:
            fn(visitor, node)


# type -> whether it is a CSTNode: CSTNode is an ABC, and ``isinstance`` against it
# costs a fifth of a microsecond, more than the rest of the walk's loop.
_IS_NODE: dict[type, bool] = {}


def _is_node(kind: type) -> bool:
    found = _IS_NODE.get(kind)
    if found is None:
        found = _IS_NODE[kind] = issubclass(kind, cst.CSTNode)
    return found


def children(node: cst.CSTNode, *, whitespace: bool = False) -> list[cst.CSTNode]:
    """The node's children that can hold code, in source order (LibCST's
    ``node.children`` rebuilds the node to find them, and includes whitespace).
    With ``whitespace=True``, also the whitespace and punctuation, where comments
    live (not in source order)."""
    kind = type(node)
    fields = _all_fields(kind) if whitespace else _child_fields(kind)
    out: list[cst.CSTNode] = []
    for field in fields:
        value = getattr(node, field)
        if _is_node(type(value)):
            out.append(value)
        elif type(value) is tuple or type(value) is list:
            out.extend(item for item in value if _is_node(type(item)))
    return out


def nodes(
    root: cst.CSTNode, kind: type[N] | tuple[type[N], ...], *, whitespace: bool = False
) -> Iterator[N]:
    """Every node of type ``kind`` under ``root`` (``root`` included), in source
    order: ``libcst.matchers.findall`` without the cost of a visitor (and of
    importing ``libcst.matchers``, a third of a second)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, kind):
            yield node
        stack.extend(reversed(children(node, whitespace=whitespace)))


@cache
def _all_fields(kind: type[cst.CSTNode]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))  # type: ignore[arg-type]


def is_self_call(node: cst.CSTNode, *methods: str) -> bool:
    """``self.<method>(...)`` (any method when none is named)."""
    if not isinstance(node, cst.Call):
        return False
    func = node.func
    return (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.value.value == "self"
        and (not methods or func.attr.value in methods)
    )
