"""Parallel wrappers: ``DataParallel(model)``, ``DDP(model, device_ids=[rank])``,
``FSDP(model)`` wrap the model they are given (observed for TL203), and a DataParallel
moved before anything called it is placed after all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import libcst as cst

from torchlint.analysis.names import dotted
from torchlint.analysis.observations import WrapObs
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import SCATTERING_WRAPPERS
from torchlint.analysis.values import UNKNOWN, Event, Kind, Value


def device_ids(wrapper: str, args: Sequence[cst.Arg]) -> cst.Arg | None:
    """Where DataParallel or DDP is given its GPUs: ``device_ids=``, or the second
    argument by position (``DataParallel(net, gpu_ids)``). None where it is not given,
    and for FSDP (whose second parameter is a process group)."""
    if wrapper not in SCATTERING_WRAPPERS:
        return None
    named = next((a for a in args if a.keyword and a.keyword.value == "device_ids"), None)
    given = [a for a in args if a.keyword is None and not a.star]
    return named or (given[1] if len(given) > 1 else None)


def placed(scope: Scope, receiver: Value) -> None:
    """A DataParallel moved before anything called it (``DataParallel(m).to(d)``, or
    its module moved while the wrapper is held: ``dp = DataParallel(m); m.to(d)``).
    Not a move of the module on a path that never wrapped it (``if n > 1: m =
    DataParallel(m)`` / ``else: m = m.to(d)``): no value of this path holds the wrap."""
    for wrap, ident in list(scope.w.pending_wraps.items()):
        if receiver.ident and ident == receiver.ident and _holds(scope, receiver, wrap):
            scope.w.facts.placed_after_wrap.add(wrap)
            del scope.w.pending_wraps[wrap]


def _holds(scope: Scope, receiver: Value, wrap: cst.Call) -> bool:
    """Whether ``receiver`` or a value of the scope carries the wrap ``wrap``."""
    return any(any(e.node is wrap for e in v.events) for v in (receiver, *scope.env.values()))


def parallel(
    scope: Scope, node: cst.Call, wrapper: str, args: list[tuple[cst.Arg, Value]]
) -> Value:
    """``DataParallel(model)``, ``DDP(model, ...)``, ``FSDP(model)``: the wrapped
    model, observed in ``wraps``."""
    inner_arg = next(
        ((a, v) for a, v in args if a.keyword is None or a.keyword.value == "module"), None
    )
    if inner_arg is None:
        return UNKNOWN
    arg, inner = inner_arg
    ids = device_ids(wrapper, [a for a, _ in args])
    for a, _ in args:
        if a is ids or (a.keyword and a.keyword.value in ("device_ids", "device_id")):
            scope.gpu_evidence = scope.gpu_evidence or Event("move", a, "device_ids")
    init = next((a for a, _ in args if a.keyword and a.keyword.value == "param_init_fn"), None)
    fn = scope.w.top_functions.get(dotted(init.value) or "") if init is not None else None
    if (
        init is not None
        and fn is not None
        and scope.entry
        and inner.kind == Kind.MODULE
        and inner.ident
    ):
        # FSDP(model, param_init_fn=f): FSDP calls f on each module of the model with
        # parameters or buffers on the meta device, the model itself among them.
        scope.follow(fn, node, [(cst.Arg(init.value), inner)], None)
        inner = next((v for v in scope.env.values() if v.ident == inner.ident), inner)
    if inner.kind in (Kind.MODULE, Kind.WRAPPER):
        scope.w.facts.wraps.add(
            node,
            WrapObs(node, wrapper, dotted(arg.value) or "the model", inner, scope.gpu_evidence),
            scope.depth,
        )
        wrapped = replace(
            inner,
            kind=Kind.WRAPPER,
            ident=inner.ident,
            events=inner.events + (Event("wrap", node, wrapper),),
        )
        if wrapper == "DataParallel" and (inner.ident or inner.part_of):
            # (model.features = DataParallel(model.features); model.cuda(): moving the
            # whole moves the part the wrapper holds)
            scope.w.pending_wraps[node] = inner.ident or inner.part_of
        return wrapped
    return UNKNOWN
