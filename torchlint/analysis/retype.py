"""``x.type_as(t)`` and ``x.type(t.type())``: a cast to ``t``'s *type*
(``"torch.cuda.FloatTensor"``), a dtype and a device type but no GPU index.
``Tensor.type`` keeps a tensor on its device when the device type matches; one on
the CPU goes to the *current* GPU (GPU 0 unless the process sets another), not to
the GPU ``t`` is on. The walk records such a move of a CPU tensor next to a ``t``
on a GPU (``FlowFacts.retyped``, read by TL210) and goes on with the moved tensor.
The other way, a tensor on a device cast to the type of a CPU tensor goes to the
CPU: a new CPU tensor, made at the cast; and a CPU tensor cast to a CPU tensor's type
stays there, made so at the cast (the line that meant it to follow ``t``). In every
other case the caller's walk goes on as before."""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.observations import RetypeObs
from torchlint.analysis.values import MAYBE_DTYPE, Event, Kind, Place, Value, new_ident

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope

# The detail of the "create" event of ``x.type_as(t)`` that brings ``x`` to the CPU.
TYPE_AS_CPU = "type_as:cpu"
# ... and of ``x.type_as(t)`` of an ``x`` on the CPU with ``t`` there too: it stays.
TYPE_AS_KEPT = "type_as:kept"


def cast_of(scope: Scope, node: cst.Call, receiver: Value) -> cst.BaseExpression | None:
    """``type_source(node)``; and for any ``x.type(...)``, what ``x`` is recorded
    (``FlowFacts.type_receivers``: TL102 leaves a CPU type on a CPU tensor alone)."""
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value == "type" and node.args:
        scope.w.facts.type_receivers.add(node, receiver, scope.depth)
    return type_source(node)


def type_source(node: cst.Call) -> cst.BaseExpression | None:
    """The ``t`` whose type ``node`` casts to: ``x.type_as(t)``, ``x.type(t.type())``."""
    func = node.func
    if not isinstance(func, cst.Attribute) or len(node.args) != 1:
        return None
    arg = node.args[0]
    if arg.star:
        return None
    if func.attr.value == "type_as":
        return arg.value if arg.keyword is None or arg.keyword.value == "other" else None
    inner = arg.value
    if (
        func.attr.value == "type"
        and (arg.keyword is None or arg.keyword.value == "dtype")
        and isinstance(inner, cst.Call)
        and isinstance(inner.func, cst.Attribute)
        and inner.func.attr.value == "type"
        and not inner.args
    ):
        return inner.func.value
    return None


def retyped(
    scope: Scope,
    node: cst.Call,
    receiver: Value,
    source: cst.BaseExpression,
    target: Value | None,
) -> Value | None:
    """What ``node`` (``receiver`` cast to the type of ``source``, whose value is
    ``target``, or the walk's value of its name when None) makes, where it moves a
    tensor (a CPU one to the current GPU, one on a device to the CPU) or keeps a CPU
    one there; None otherwise."""
    if receiver.kind != Kind.TENSOR or receiver.device not in (Place.CPU, Place.CUDA, Place.VAR):
        return None
    if target is None:
        name = dotted(source)
        target = scope.lookup(name) if name is not None else None
    if receiver.on_accelerator:
        return _to_cpu(node, receiver, target)
    if (
        receiver.device == Place.CPU
        and target is not None
        and target.kind == Kind.TENSOR
        and target.device == Place.CPU
    ):
        # A CPU tensor cast to a CPU tensor's type stays on the CPU, in its dtype: made
        # so here, the line that meant to follow ``t`` (to the device, say) and did not.
        kept = Event("create", node, TYPE_AS_KEPT, source=target.last("create"))
        return Value(
            Kind.TENSOR,
            Place.CPU,
            target.dtype or MAYBE_DTYPE,
            None,
            (*receiver.events, kept),
            new_ident(),
            receiver.ident,
        )
    if target is None or target.kind not in (Kind.TENSOR, Kind.MOVED) or not target.on_accelerator:
        return None
    # In a module's forward followed from a call, where that module runs (and its
    # inputs are): the GPU of a forward's input whose own move the walk did not see.
    own = scope.lookup("self") if scope.in_forward else None
    module = own if own is not None and own.kind in (Kind.MODULE, Kind.WRAPPER) else None
    observed = RetypeObs(node, receiver, target, source, module)
    scope.w.facts.retyped.add(node, observed, scope.depth)
    # (Which GPU is not recorded in FlowFacts.gpus: TL210 reports this move itself.)
    moved = Event("move", node, Place.CUDA)
    scope.gpu_evidence = scope.gpu_evidence or moved
    return Value(
        Kind.TENSOR,
        Place.CUDA,
        target.dtype or MAYBE_DTYPE,
        None,
        (*receiver.events, moved),
        new_ident(),
        receiver.ident,
    )


def _to_cpu(node: cst.Call, receiver: Value, target: Value | None) -> Value | None:
    """``x.type_as(t)`` of an ``x`` on a device with ``t`` on the CPU
    (``"torch.FloatTensor"``): a new tensor on the CPU, made by this call (what meets
    the device later is reported here, ``TL204``)."""
    if target is None or target.kind != Kind.TENSOR or target.device != Place.CPU:
        return None
    made = Event("create", node, TYPE_AS_CPU, source=target.last("create"))
    return Value(Kind.TENSOR, Place.CPU, target.dtype or MAYBE_DTYPE, None, (made,), new_ident())
