"""Where a tensor TL204 reports was made on the CPU, for its message: the cast that
left out the device, a helper's ``device=`` default the call left, a ``.type_as`` of a
CPU tensor, why it is on the CPU, a scalar (which mixes with CUDA tensors fine, but
not in a matrix product), and how it meets the device tensor (an operand, an index,
a gradient) with torch's error there. No rules here."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from torchlint.analysis.names import called_name, dotted
from torchlint.analysis.observations import MixObs
from torchlint.analysis.order import contains
from torchlint.analysis.retype import TYPE_AS_CPU
from torchlint.analysis.torch_api import LEGACY_TENSOR_TYPES, STRICT_DTYPE_OPS
from torchlint.analysis.values import ZERO_DIM, Event, Value


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
    if not device_given(made.node) or called_name(made.node) in LEGACY_TENSOR_TYPES:
        return None  # (a legacy constructor given a device is TL402's)
    back = value.next_after(made, "return")
    while back is not None and device_given(back.node):
        # (a helper handing its own device= on: ``self.build(n, device=device)`` in
        # ``get(n, device=None)``; the call that left it is further out)
        back = value.next_after(back, "return")
    return back


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


def zero_dim(value: Value, made: Event) -> bool:
    """``value``, made by ``made``, is a 0-dim tensor: of a number written out, or of
    one the walk knows (``torch.tensor(scale)`` where the call passed ``0.5``), and
    nothing since gave it dimensions."""
    return scalar(made.node) or (made.detail == ZERO_DIM and not value.has_dims())


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


def matrix_product(qualify: Callable[[cst.BaseExpression], str | None], node: cst.CSTNode) -> bool:
    """``a @ b``, ``torch.mm(a, b)``, ``F.linear(x, w)``: ops whose operands have
    dimensions (a scalar tensor fails there whatever its device)."""
    if isinstance(node, cst.BinaryOperation):
        return isinstance(node.operator, cst.MatrixMultiply)
    return isinstance(node, cst.Call) and qualify(node.func) in STRICT_DTYPE_OPS


def type_as_story(
    code: Callable[[cst.CSTNode], str],
    node: cst.Call,
    made: Event,
    related: dict[str, cst.CSTNode],
) -> tuple[cst.CSTNode, str, str]:
    """``x.type_as(t)`` with ``t`` on the CPU, which moved ``x`` there from a device
    (``TYPE_AS_CPU``) or left it there: where to report, what to say it did, and the
    advice."""
    assert isinstance(node.func, cst.Attribute) and node.args
    target = code(node.args[0].value)
    related.pop("made", None)
    moved = made.detail == TYPE_AS_CPU
    effect = "moves this tensor to the CPU" if moved else "leaves this tensor on the CPU"
    subject = f"`.type_as({target})` takes the type of a CPU tensor, so it {effect}"
    if made.source is not None and not contains(node, made.source.node):
        related["target"] = made.source.node
        subject = (
            f"`.type_as({target})` takes the type of a CPU tensor (`{target}`, made on the "
            f"CPU at line <line:target>), so it {effect}"
        )
    advice = (
        f"convert only the dtype (`.to({target}.dtype)`), or put `{target}` on the device"
        if moved
        else "take the type of a tensor on the device, or move it there with its dtype"
    )
    return node.func.attr, subject + ", where it", advice


def meeting(mix: MixObs, name: str, indexed: bool) -> tuple[str, str]:
    """How a CPU tensor meets ``name`` on a device at ``mix.node``, and the error
    torch raises there: an operand, the tensor indexed (``indexed``), an index op's
    index, or the gradient handed to ``out.backward(gradient=g)``."""
    node = mix.node
    if mix.index and isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return (
            f"is the index of `{node.func.attr.value}` on `{name}`",
            "'Expected all tensors to be on the same device'",
        )
    if indexed:
        return (
            f"is indexed with `{name}`",
            "'indices should be either on cpu or on the same device as the indexed tensor'",
        )
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "backward"
    ):
        # (``joins.backward`` records the gradient meeting the output there)
        return (
            f"is the gradient of `{name}`",
            "'invalid gradient at index 0 - expected device cuda:0 but got cpu'",
        )
    return f"meets `{name}`", "'Expected all tensors to be on the same device'"
