"""Copies of a module's parameters in the flow analysis: EMA shadow weights
(``[p.clone() for p in model.parameters()]``), an optimizer wrapper's slow weights
(``p.clone().detach()`` over ``optimizer.param_groups``), ``copy.deepcopy(p)``.

``Module.to()`` moves the parameters in place (``param.data = fn(param.data)``): a
reference to a parameter (a name, a list of them, an optimizer's ``param_groups``)
follows the move, a copy does not. So a copy taken while the module is on the CPU,
followed by a move of the module to a device, stays on the CPU; when it then meets
the moved parameters (or any tensor on the device) the op fails with ``Expected all
tensors to be on the same device``. The walk marks such copies at the move with a
"left" event (a move back to the CPU, or the copies' ``.data`` replaced by hand,
adds "back"), and records the meeting (what TL207 reports, at the move).

A module's buffers are the other way round: ``Module.to()`` puts a new tensor in
each (``self._buffers[k] = fn(buf)``), so a reference to a buffer read through the
module (``mean = model.norm.mean``) is left behind like a copy (what TL206 reports,
where the reference was taken)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.loss_api import LOSSES
from torchlint.analysis.observations import CopyObs
from torchlint.analysis.torch_api import CROSS_DEVICE_IN_PLACE
from torchlint.analysis.values import (
    BUFFER,
    BUFFER_REF,
    COPY,
    MAYBE_DTYPE,
    PARAMETER,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    keyed,
    new_ident,
)

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope

# The events that say where a copy is relative to its module.
_STATUS = ("copy", "left", "back", "move")


def live_parameter(value: Value) -> bool:
    """A reference to a module's parameter (not a copy): where the module is."""
    return value.kind == Kind.TENSOR and value.origin.startswith(PARAMETER) and bool(value.part_of)


def copy_of(scope: Scope, node: cst.CSTNode, value: Value) -> Value | None:
    """What copying ``value`` at ``node`` makes, when it is a module's parameter (or
    a list or tuple of them): a copy where the parameter is now. None otherwise."""
    if value.kind in (Kind.LIST, Kind.TUPLE) and value.items:
        items = [copy_of(scope, node, item) for item in value.items]
        if any(item is None for item in items):
            return None
        return replace(value, items=tuple(i for i in items if i is not None))
    if not live_parameter(value):
        return None
    parent, fn = scope.parent, scope.stack[-1].name.value if scope.stack else ""
    if fn and scope.cls is not None:
        fn = f"{scope.cls.name}.{fn}"
    made = Event("copy", node, fn, statement=parent.stmt if parent is not None else None)
    events = tuple(e for e in value.events if e.action != "pass")
    return replace(value, ident=new_ident(), moved_from=0, origin=COPY, events=(*events, made))


def buffer_reference(scope: Scope, path: str, node: cst.CSTNode) -> Value | None:
    """``model.norm.mean``: the tensor a buffer of a module of the file holds now,
    read through the module (whose ``__init__`` the walk followed): on the CPU while
    the module is, and left there when it moves. None for anything else."""
    parts = path.split(".")
    at = next((i for i in range(len(parts) - 1, 0, -1) if ".".join(parts[:i]) in scope.env), 0)
    root = scope.env.get(".".join(parts[:at])) if at else None
    if root is None or root.kind != Kind.MODULE or not root.ident:
        return None
    held = root
    for attr in parts[at:]:
        known = scope.w.objects.get(held.ident) if held.ident else None
        found = known[1].get(f"self.{attr}") if known is not None else None
        if found is None:
            return None
        held = found
    if held.kind != Kind.TENSOR or held.origin != BUFFER:
        return None
    made = Event("copy", node, path=path)
    dtype = held.dtype if root.last("cast") is None else None
    return Value(
        Kind.TENSOR,
        root.device,
        dtype,
        root.device_expr,
        (made,),
        new_ident(),
        part_of=root.ident,
        origin=BUFFER_REF,
    )


def cpu_weight_dtype(args: Sequence[tuple[cst.Arg, Value]]) -> str | None:
    """The dtype of the CPU tensor a loss keeps as a buffer (``weight=w``,
    ``pos_weight=p``): such a loss has state to move, like a layer's weights; None
    where it keeps none, or none known to be on the CPU."""
    for arg, value in args:
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword in ("weight", "pos_weight") and value.kind == Kind.TENSOR:
            if value.device == Place.CPU:  # (its dtype matters to no rule of a loss)
                return value.dtype if value.dtype not in (None, MAYBE_DTYPE) else "float32"
    return None


def registered(scope: Scope, q: str, module: Value, args: Sequence[tuple[cst.Arg, Value]]) -> None:
    """``nn.CrossEntropyLoss(weight=w)`` (``q``, a loss made as ``module``): the loss
    keeps ``w`` as a buffer, so every name holding ``w`` refers to that buffer, until
    the loss moves and puts a new tensor in it (a BUFFER_REF of the loss from here,
    read at the argument)."""
    if q not in LOSSES:
        return
    for arg, value in args:
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword not in ("weight", "pos_weight") or value.kind != Kind.TENSOR:
            continue
        if value.device != Place.CPU or not value.ident or not module.ident:
            continue
        made = Event("copy", arg.value, path=keyword)
        held: Scope | None = scope
        while held is not None:
            for key, v in list(held.env.items()):
                if v.ident == value.ident:
                    events = (*v.events, made)
                    held.env[key] = replace(
                        v, origin=BUFFER_REF, part_of=module.ident, events=events
                    )
            held = held.parent


def moved(scope: Scope, module: int, move: Event, by_hand: bool = False) -> None:
    """``module`` was moved (``move``): the copies of its parameters taken on the CPU
    are left there ("left"), or, for a move back to the CPU (or anywhere unknown),
    are where it is again ("back"). Every name of the walks under way holds them, and
    so do the attributes of the instances made; the optimizers over its parameters
    hold the parameters themselves, where it is now. ``by_hand``: the copies were
    moved (or may have been), not the module."""
    back = move.detail in (Place.CPU, Place.MAYBE)
    to = Event("back" if back else "left", move.node, move.detail, move.path)
    place = None if by_hand else next((p for p in Place if p == move.detail), Place.MAYBE)
    held: Scope | None = scope
    while held is not None:
        for key, value in list(held.env.items()):
            new = _mark(value, module, to, place)
            if new is not value:
                held.env[key] = new
        held = held.parent
    for ident, (cls, attrs) in list(scope.w.objects.items()):
        marked = {k: _mark(v, module, to, place) for k, v in attrs.items()}
        if any(marked[k] is not attrs[k] for k in attrs):
            scope.w.objects[ident] = (cls, marked)


def replaced(scope: Scope, path: str, stmt: cst.CSTNode) -> None:
    """``q.data = ...`` on a copy: the copies are being moved by hand; where they
    are is the code's business from now on."""
    value = scope.lookup(path)
    if value is not None and value.origin == COPY and value.part_of:
        moved(scope, value.part_of, Event("move", stmt, Place.MAYBE), by_hand=True)


def escaped(scope: Scope, value: Value) -> None:
    """Copies handed to code we cannot see, which may move them (``q.data =
    q.data.to(d)``): where they are is not known any more."""
    for copy in _held(value):
        made = copy.last("copy")
        if made is not None:
            moved(scope, copy.part_of, Event("move", made.node, Place.MAYBE), by_hand=True)


def _held(value: Value) -> list[Value]:
    """The copies of parameters ``value`` is or holds."""
    if value.kind in (Kind.LIST, Kind.TUPLE, Kind.ENCODING) and value.items:
        return [c for item in value.items for c in _held(item)]
    return [value] if value.origin in (COPY, BUFFER_REF) and value.part_of else []


def _mark(value: Value, module: int, to: Event, place: Place | None) -> Value:
    if value.kind == Kind.OPTIMIZER and value.items and value.items[0].part_of == module:
        if place is None:
            return value
        # The parameters it holds (``param_groups``) are where the module is now.
        return replace(value, items=(replace(value.items[0], device=place),))
    if value.kind in (Kind.LIST, Kind.TUPLE) or (value.kind == Kind.ENCODING and value.keys):
        items = tuple(_mark(item, module, to, place) for item in value.items)
        if all(a is b for a, b in zip(items, value.items, strict=True)):
            return value
        return replace(value, items=items)
    if (
        value.origin not in (COPY, BUFFER_REF)
        or value.part_of != module
        or value.device != Place.CPU
    ):
        return value
    last = value.last(*_STATUS)
    now = "left" if last is not None and last.action == "left" else "back"
    if to.action == now:
        return value
    return replace(value, events=(*value.events, to))


def left(value: Value) -> Event | None:
    """The move that left ``value``, a copy of parameters, on the CPU, if it is
    still there."""
    if value.kind != Kind.TENSOR or value.device != Place.CPU:
        return None
    last = value.last(*_STATUS)
    return last if last is not None and last.action == "left" else None


def meet(scope: Scope, values: Sequence[Value], node: cst.CSTNode) -> None:
    """Tensors computed with together at ``node``: a copy left on the CPU meeting
    one on a device, or the moved parameters it was copied from, fails."""
    for i, copy in enumerate(values):
        move = left(copy)
        made = copy.last("copy")
        if move is None or made is None or not isinstance(move.node, cst.Call):
            continue
        for j, other in enumerate(values):
            if i != j and (
                other.on_accelerator or (live_parameter(other) and other.part_of == copy.part_of)
            ):
                found = CopyObs(move, made, node)
                if copy.origin == BUFFER_REF:  # TL206, where the buffer was read
                    scope.w.facts.stale_buffers.add(made.node, found, scope.depth)
                else:  # TL207, at the move
                    scope.w.facts.param_copies.add(move.node, found, scope.depth)
                return


def in_place(
    scope: Scope, node: cst.Call, receiver: Value, method: str, args: list[tuple[cst.Arg, Value]]
) -> Value:
    """``x.add_(y)``, ``x.mul_(d).add_(p, alpha=a)``: ``x`` itself, changed in place
    (its operands met it there)."""
    if method not in CROSS_DEVICE_IN_PLACE:
        meet(scope, [receiver, *(v for _, v in args if v.kind == Kind.TENSOR)], node)
    move, made = left(receiver), receiver.last("copy")
    if receiver.origin == BUFFER_REF and move is not None and made is not None:
        # (the module holds another tensor since the move: this update never reaches it)
        scope.w.facts.stale_buffers.add(node, CopyObs(move, made, node), scope.depth)
    return receiver


def param_groups(scope: Scope, optimizer: Value) -> Value:
    """``optimizer.param_groups`` of an optimizer over a module's parameters: its
    groups (dicts) hold the parameters themselves under "params"."""
    params = optimizer.items[0] if optimizer.items else UNKNOWN
    if params.kind != Kind.PARAMS or not params.part_of:
        return UNKNOWN
    module = next((v for v in scope.env.values() if v.ident == params.part_of), params)
    parameter = Value(
        Kind.TENSOR,
        module.device,
        module.dtype,
        module.device_expr,
        (),
        new_ident(),
        part_of=params.part_of,
        origin=PARAMETER,
    )
    group = keyed(["params"], [Value(Kind.LIST, items=(parameter,))])
    return Value(Kind.LIST, items=(group,))
