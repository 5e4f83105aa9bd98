"""The state after two paths meet (the two sides of an ``if``, a loop run or not):
each name's values merged (``values.merge_values``), and the objects that are one
of two by the same name joined into one identity, so that what refers to them by
identity (an optimizer's parameters, a part's model) follows the name."""

from __future__ import annotations

from dataclasses import replace

from torchlint.analysis.values import UNKNOWN, Kind, Value, merge_values


def merge_envs(a: dict[str, Value], b: dict[str, Value]) -> dict[str, Value]:
    """The state after two paths: a name bound on only one of them is unknown."""
    out = {}
    joined: dict[int, int] = {}  # either path's module -> the one the name holds now
    for key in a.keys() | b.keys():
        left, right = a.get(key), b.get(key)
        if left is None or right is None:
            out[key] = UNKNOWN
        elif left is right:
            # (most names: a branch leaves the module-level bindings as they were)
            out[key] = left
        else:
            out[key] = merged = merge_values(left, right)
            if (
                merged.kind == left.kind == right.kind == Kind.MODULE
                and merged.ident
                and left.ident
                and right.ident
                and left.ident != right.ident
            ):
                # (``model = load(path)`` on one path, ``model = Net()`` on the other:
                # one model from here on, whichever was made)
                joined[left.ident] = joined[right.ident] = merged.ident
    if not joined:
        return out
    for key, value in out.items():
        if value.part_of in joined:
            out[key] = replace(value, part_of=joined[value.part_of])
    # (and the optimizers of the two models, now one optimizer of the one model)
    optimizers = [(k, a[k], b[k]) for k, v in out.items() if v.kind is None and k in a and k in b]
    for key, left, right in optimizers:
        if (
            left.kind == right.kind == Kind.OPTIMIZER
            and left.part_of in joined
            and joined[left.part_of] == joined.get(right.part_of)
        ):
            out[key] = merge_values(
                replace(left, part_of=joined[left.part_of]),
                replace(right, part_of=joined[left.part_of]),
            )
    return out
