"""Tensors computed on the CPU from another tensor (``mask = ids != pad``,
``ids[:, 1:]``, ``lengths.view(-1)``, ``ids.float()``), and the moves of the tensors
they came from. ``ids = ids.to(device)`` binds a new tensor: what was computed from
the old one before stays on the CPU, and the line to change is where the two part
(compute it after the move, or move it too), not where ``ids`` was made
(``torchlint/checks/_stale.py`` reads both)."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis.observations import TensorMoveObs
from torchlint.analysis.scope import Scope
from torchlint.analysis.values import Derivation, Kind, Place, Value


def derive(scope: Scope, made: Value, source: Value, node: cst.CSTNode) -> Value:
    """``made``, computed by ``node`` from ``source``, with where it came from when
    both are tensors on the CPU, after how ``source`` was computed itself: the mask's
    ``.long()`` comes from the ids too."""
    if made.kind != Kind.TENSOR or made.device != Place.CPU:
        return made
    if not (source.kind == Kind.TENSOR and source.device == Place.CPU and source.ident):
        return made
    earlier = source.derived
    if earlier is not None and earlier.steps >= _STEPS:
        earlier = None  # (x = x * 2 in a loop: the chain would only grow)
    sites: list[cst.CSTNode] = []
    walk: Scope | None = scope
    while walk is not None:
        if walk.stmt is not None:
            sites.append(walk.stmt)
        walk = walk.parent
    steps = 1 + (earlier.steps if earlier is not None else 0)
    found = Derivation(source.ident, node, made.ident, tuple(sites), earlier, steps)
    return replace(made, derived=found)


# How many steps back a derivation is remembered: a mask of a slice of a cast of the
# ids is four; more is a loop computing a tensor from itself.
_STEPS = 8


def moved(scope: Scope, value: Value) -> None:
    """``value``, a tensor just moved to a device, is bound to a name: the first such
    move of the tensor it was moved from is where tensors computed from that one
    before it parted from it."""
    last = value.events[-1] if value.events else None
    if (
        value.kind != Kind.TENSOR
        or not value.moved_from
        or not value.on_accelerator
        or last is None
        or last.action != "move"
        or scope.stmt is None
    ):
        return
    scope.w.facts.tensor_moves.setdefault(
        value.moved_from, TensorMoveObs(last, value.ident, scope.stmt)
    )
