"""Where a tensor TL204 reports was made on the CPU, for its message: the cast that
left out the device, a helper's ``device=`` default the call left, why it is on the
CPU, and a scalar (which mixes with CUDA tensors fine). No rules here."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.values import Event, Value


def recast_only(value: Value) -> Event | None:
    """The ``x.to(dtype)`` (or ``x.type(dtype)``: a dtype, where a legacy type would
    say the device) that last changed a tensor on the CPU, when nothing moved
    it after: the author converted it for what it meets, and left out the device."""
    for event in reversed(value.events):
        if event.action == "pass":
            continue
        node = event.node
        if (
            event.action == "cast"
            and isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in ("to", "type")
        ):
            return event
        return None
    return None


def left_default(value: Value, made: Event) -> Event | None:
    """The call that handed back a tensor its helper made with a ``device=`` that holds
    None there (``build_cache(n)`` of ``def build_cache(n, device=None)``): where the
    device is to be given."""
    if not device_given(made.node):
        return None
    return value.next_after(made, "return")


def device_given(made: cst.CSTNode | None) -> bool:
    """``made`` passes ``device=``: a tensor it made on the CPU had None there."""
    return isinstance(made, cst.Call) and any(
        a.keyword is not None and a.keyword.value == "device" for a in made.args
    )


def unplaced(made: cst.CSTNode | None) -> str:
    """Why a tensor made by ``made`` is on the CPU: no ``device=``, or a ``device=``
    that holds None or the CPU there (a helper's ``device=None`` or ``device="cpu"``
    default the caller left)."""
    return "(its `device=` is None or the CPU there)" if device_given(made) else "(no `device=`)"


def scalar(node: cst.CSTNode) -> bool:
    """``torch.tensor(0.5)``, ``torch.tensor(-1)``, ``torch.tensor(False)``: a 0-dim
    CPU tensor mixes with CUDA tensors fine."""
    if not (
        isinstance(node, cst.Call)
        and (dotted(node.func) or "").rsplit(".", 1)[-1] in ("tensor", "as_tensor")
        and len(node.args) >= 1
    ):
        return False
    first = node.args[0].value
    if isinstance(first, cst.UnaryOperation) and isinstance(first.operator, cst.Minus):
        first = first.expression
    return isinstance(first, (cst.Integer, cst.Float)) or (
        isinstance(first, cst.Name) and first.value in ("True", "False")
    )
