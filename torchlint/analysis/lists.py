"""Lists the code fills slot by slot: ``output = [None] * n``, then ``output[i] = det``
in a loop (a detector's per-image results). What the list holds is what was put in
it, as for one filled with ``.append`` (``values.merge_values`` of the members)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import reduce

import libcst as cst

from torchlint.analysis.scope import Scope
from torchlint.analysis.values import UNKNOWN, Kind, Value, merge_values, new_ident


def slots(node: cst.BinaryOperation) -> Value | None:
    """``[None] * n`` (or ``n * [None]``): a list of empty slots, holding nothing yet;
    None for any other product."""
    if not isinstance(node.operator, cst.Multiply):
        return None
    for side in (node.left, node.right):
        if (
            isinstance(side, cst.List)
            and side.elements
            and all(
                isinstance(e.value, cst.Name) and e.value.value == "None" for e in side.elements
            )
        ):
            return Value(Kind.LIST)
    return None


def filled(owner: Value, value: Value) -> Value:
    """The list ``owner`` after ``owner[i] = value``: its members so far and
    ``value``."""
    return extended(owner, (value,), None)


def fills(owner: Value, method: str, args: list[tuple[cst.Arg, Value]]) -> bool:
    """``owner.append(x)`` / ``owner.extend(xs)`` of a list the walk knows."""
    return (
        owner.kind in (Kind.LIST, Kind.TUPLE) and method in ("append", "extend") and len(args) == 1
    )


def put(owner: Value, method: str, value: Value) -> Value:
    """The list ``owner`` after ``owner.append(value)`` or ``owner.extend(value)``
    (of a list or tuple: its members; of a tensor, ``out.unbind(0)``: its rows)."""
    if method == "append":
        return extended(owner, (value,), value)
    if value.kind in (Kind.LIST, Kind.TUPLE) and value.items:
        return extended(owner, value.items, leading(value))
    if value.kind == Kind.TENSOR:
        return filled(owner, replace(value, ident=new_ident()))
    return Value(Kind.LIST)  # (what it holds now is not known)


def leading(value: Value) -> Value | None:
    """The first member of a list or tuple, where it is known: of one written out
    (a TUPLE, its members in order), of a LIST filled in order (``Value.first``)."""
    if value.kind == Kind.TUPLE and value.items:
        return value.items[0]
    return value.first if value.kind == Kind.LIST else None


def extended(owner: Value, values: tuple[Value, ...], first: Value | None) -> Value:
    """The list ``owner`` after ``values`` were put in it (``owner += [a, b]``), one
    member for all of them; ``first``, the first of ``values`` where they came in
    order, is its first member where ``owner`` was empty (``layers = []``)."""
    head = leading(owner) if owner.items else first
    return Value(Kind.LIST, items=(reduce(merge_values, (*owner.items, *values)),), first=head)


def append_either(scope: Scope, chosen: cst.IfExp, value: Value) -> Value:
    """``(backbone if is_backbone else head).append(p)``: either list may hold
    ``value`` now (each is taken to)."""
    for side in (chosen.body, chosen.orelse):
        if not isinstance(side, cst.Name):
            continue
        held = scope.env.get(side.value)
        if held is not None and held.kind in (Kind.LIST, Kind.TUPLE):
            scope.set(side.value, filled(held, value))
    return UNKNOWN


def module_dict_filled(scope: Scope, target: cst.Subscript, value: Value) -> None:
    """``observers[key] = Observer()`` on an ``nn.ModuleDict``: its members are
    instances of that class of the file while every one stored is (``values.dict_member``)."""
    owner = scope.eval(target.value)
    if owner.kind != Kind.MODULE or not owner.ident or not owner.origin.endswith("ModuleDict"):
        return
    same = value.origin.startswith("local:") and (
        not owner.items or owner.items[0].origin == value.origin
    )
    scope.update_ident(owner.ident, replace(owner, items=(value,) if same else ()))


def leaves(value: Value, depth: int = 0) -> Iterator[Value]:
    """The items of a list or tuple that are not themselves lists or tuples with
    items, in nested ones too (three levels down at most; deeper or empty ones are
    given as they are): what ``np.array(rows)`` or ``torch.tensor(rows)`` reads."""
    for item in value.items:
        if item.kind in (Kind.TUPLE, Kind.LIST) and item.items and depth < 3:
            yield from leaves(item, depth + 1)
        else:
            yield item


def device_tensors(value: Value) -> tuple[Value, ...]:
    """The tensors on an accelerator that a list or tuple holds, in nested lists and
    tuples too (none for any other value): what ``np.array(rows)`` of
    ``rows.append([i, cls, *box.tolist(), conf])`` converts."""
    if value.kind not in (Kind.TUPLE, Kind.LIST):
        return ()
    return tuple(
        item
        for item in leaves(value)
        if item.kind in (Kind.TENSOR, Kind.MOVED) and item.on_accelerator
    )
