"""A dict a loop moves in place, key by key: ``for k, v in batch.items(): batch[k] =
v.to(device)``, or ``for k in batch: batch[k] = batch[k].cuda()``, under a test that
the entry is a tensor or none. After the loop its tensors are where those moves put
them, as ``batch = {k: v.to(device) for k, v in batch.items()}`` would have put
them; inside it, nothing is decided (the entries not yet reached are where they
were)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.shapes import tensor_test
from torchlint.analysis.values import Kind, Value, keyed

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope

_KEYS = frozenset({"keys", "items"})


@dataclass(frozen=True)
class KeyedLoop:
    """The dict a ``for`` walks by key, and the stores ``d[k] = ...`` of its body that
    put an entry back under the key it came from."""

    owner: str
    stores: tuple[cst.Subscript, ...]


def keyed_loop(
    stmt: cst.For, qualify: Callable[[cst.BaseExpression], str | None]
) -> KeyedLoop | None:
    """``stmt`` when it walks a dict by key and stores entries back under that key;
    None for any other loop (cheap: the loop's header decides first)."""
    parts = _header(stmt)
    if parts is None:
        return None
    owner, key, member = parts
    stores = tuple(_stores(stmt.body.body, owner, key, member, qualify))
    return KeyedLoop(owner, stores) if stores else None


def moved_in_place(
    scope: Scope, loop: KeyedLoop, stored: dict[int, Value], before: dict[str, Value]
) -> None:
    """After the loop: the dict ``loop.owner`` holds its tensors where the stores put
    them, when every store put a tensor in one known place."""
    values = [stored.get(id(target)) for target in loop.stores]
    if any(v is None or v.kind not in (Kind.TENSOR, Kind.MOVED) for v in values):
        return
    places = {v.device for v in values if v is not None}
    if len(places) != 1 or None in places:
        return
    moved = values[-1]
    assert moved is not None
    old = before.get(loop.owner)
    if old is not None and old.kind == Kind.ENCODING and old.keys:
        # (a dict of known entries: each keeps its dtype, now where the move put it)
        items = [
            replace(i, device=moved.device, device_expr=moved.device_expr, events=moved.events)
            if i.kind in (Kind.TENSOR, Kind.MOVED)
            else i
            for i in old.items
        ]
        new = keyed(old.keys, items)
    else:
        new = replace(moved, kind=Kind.ENCODING, moved_from=0)
    if old is not None and old.ident:
        new = replace(new, ident=old.ident)
        scope.update_ident(old.ident, new)  # (every other name of the dict)
    scope.set(loop.owner, new)


def _header(stmt: cst.For) -> tuple[str, str, str | None] | None:
    """``(batch, k, v)`` of ``for k, v in batch.items()``, ``(batch, k, None)`` of
    ``for k in batch`` (also ``batch.keys()``, ``list(batch)``, ``list(batch.keys())``)."""
    target, it = stmt.target, stmt.iter
    if isinstance(it, cst.Call) and dotted(it.func) == "list" and len(it.args) == 1:
        it = it.args[0].value
    member: str | None = None
    if isinstance(target, cst.Tuple):
        names = [dotted(e.value) for e in target.elements if isinstance(e, cst.Element)]
        if len(names) != 2 or len(target.elements) != 2 or None in names:
            return None
        key, member = names[0], names[1]
        method = "items"
    else:
        key = dotted(target) if isinstance(target, cst.Name) else None
        method = "keys"
    if key is None:
        return None
    if isinstance(it, cst.Call) and isinstance(it.func, cst.Attribute) and not it.args:
        if it.func.attr.value not in _KEYS or it.func.attr.value != method:
            return None
        owner = dotted(it.func.value)
    elif method == "keys":
        owner = dotted(it)
    else:
        return None
    return (owner, key, member) if owner is not None else None


def _stores(
    body: Sequence[cst.CSTNode],
    owner: str,
    key: str,
    member: str | None,
    qualify: Callable[[cst.BaseExpression], str | None],
) -> list[cst.Subscript]:
    """The targets ``owner[key]`` of the body's own assignments, and of ``if`` blocks
    that test the entry is a tensor (with no ``else``: what is not a tensor stays)."""
    found: list[cst.Subscript] = []
    for stmt in body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Assign) and len(small.targets) == 1:
                    target = small.targets[0].target
                    if _is_entry(target, owner, key):
                        assert isinstance(target, cst.Subscript)
                        found.append(target)
        elif (
            isinstance(stmt, cst.If)
            and stmt.orelse is None
            and _tests_entry(stmt.test, owner, key, member, qualify)
        ):
            found.extend(_stores(stmt.body.body, owner, key, member, qualify))
    return found


def _is_entry(node: cst.BaseExpression, owner: str, key: str) -> bool:
    if not isinstance(node, cst.Subscript) or len(node.slice) != 1:
        return False
    index = node.slice[0].slice
    return (
        dotted(node.value) == owner
        and isinstance(index, cst.Index)
        and isinstance(index.value, cst.Name)
        and index.value.value == key
    )


def _tests_entry(
    test: cst.BaseExpression,
    owner: str,
    key: str,
    member: str | None,
    qualify: Callable[[cst.BaseExpression], str | None],
) -> bool:
    """``torch.is_tensor(v)``, ``isinstance(batch[k], torch.Tensor)``, ``hasattr(v,
    "to")``: only the entries that are tensors are stored."""
    if not isinstance(test, cst.Call) or not test.args:
        return False
    if member is not None and tensor_test(test, qualify) == member:
        return True
    first = test.args[0].value
    if not _is_entry(first, owner, key):
        return False
    # (the same test asked of the entry itself: rebuilt on a name to ask it)
    stand_in = test.with_changes(args=(test.args[0].with_changes(value=cst.Name("_entry")),))
    return tensor_test(stand_in, qualify) == "_entry"
