"""Lists the code fills slot by slot: ``output = [None] * n``, then ``output[i] = det``
in a loop (a detector's per-image results). What the list holds is what was put in
it, as for one filled with ``.append`` (``values.merge_values`` of the members)."""

from __future__ import annotations

from functools import reduce

import libcst as cst

from torchlint.analysis.values import Kind, Value, merge_values


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
    return extended(owner, (value,))


def extended(owner: Value, values: tuple[Value, ...]) -> Value:
    """The list ``owner`` after ``values`` were put in it (``owner += [a, b]``)."""
    return Value(Kind.LIST, items=(reduce(merge_values, (*owner.items, *values)),))
