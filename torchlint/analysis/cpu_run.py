"""The run without a GPU, where a device is chosen by one. ``device = "cuda" if
torch.cuda.is_available() else "cpu"`` (also ``torch.device(...)`` of it, or the same
choice made by ``if``/``else``) is a GPU in the run the flow analysis follows and the
CPU in the other. A module cast to float16 for every run and moved to such a device
runs in float16 on the CPU in the run without a GPU (TL106 reads ``cpu_run_moves``).

The device value remembers the choice in its origin, so that a move through a
parameter, a module-level name or ``self.device`` is known to fall back too."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis import gpus
from torchlint.analysis.names import dotted
from torchlint.analysis.values import FALLS_BACK, GPU_PLACES, Event, Kind, Place, Value

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope


def falls_back(scope: Scope, node: cst.BaseExpression) -> bool:
    """``node``, a device expression, is a GPU in the run with one and the CPU in
    the run without: ``"cuda" if torch.cuda.is_available() else "cpu"``, the
    ``torch.device`` of it, or a name that holds such a device."""
    if type(node) is cst.IfExp:
        taken = scope.guard(node.test)
        if taken is None:
            return False
        gpu, cpu = (node.body, node.orelse) if taken == "body" else (node.orelse, node.body)
        # (whatever the GPU run picks, settings["device"] say, is not the CPU)
        return scope.device_of(cpu)[0] == Place.CPU and scope.device_of(gpu)[0] in (
            *GPU_PLACES,
            None,
        )
    if type(node) is cst.Call:
        if node.args and scope.w.analysis.qualify(node.func) == "torch.device":
            return falls_back(scope, node.args[0].value)
        return False
    name = dotted(node)
    value = scope.lookup(name) if name is not None else None
    if value is None and name is not None:
        # args.device of add_argument("--device", default="cuda" if ... else "cpu")
        default = scope.option_default(name)
        return isinstance(default, cst.IfExp) and falls_back(scope, default)
    return value is not None and value.kind == Kind.DEVICE and value.origin == FALLS_BACK


def mark(scope: Scope, node: cst.BaseExpression, value: Value) -> Value:
    """``value``, what ``node`` evaluates to, remembering that it falls back to the CPU."""
    if value.kind == Kind.DEVICE and value.origin != FALLS_BACK and falls_back(scope, node):
        return replace(value, origin=FALLS_BACK)
    return value


def chosen(gpu_run: dict[str, Value], cpu_run: dict[str, Value]) -> None:
    """After ``if torch.cuda.is_available(): device = "cuda" else: device = "cpu"``
    (``gpu_run`` the state the GPU run leaves, ``cpu_run`` the other run's): the names
    that hold a GPU in one and the CPU in the other fall back."""
    for name, gpu in list(gpu_run.items()):
        cpu = cpu_run.get(name)
        if (
            gpu.kind == Kind.DEVICE
            and gpu.device in GPU_PLACES
            and cpu is not None
            and cpu.kind == Kind.DEVICE
            and cpu.device == Place.CPU
        ):
            gpu_run[name] = replace(gpu, origin=FALLS_BACK)


def cast_idents(before: dict[str, Value], cpu_run: dict[str, Value]) -> set[int]:
    """The modules (by ident) that a branch only the run without a GPU takes casts
    (``if device == "cpu": model.float()``)."""
    made = {id(e.node) for v in before.values() for e in v.events if e.action == "cast"}
    return {
        v.ident
        for v in cpu_run.values()
        if v.ident and any(e.action == "cast" and id(e.node) not in made for e in v.events)
    }


def record_move(
    scope: Scope, node: cst.Call, expr: cst.BaseExpression | None, module: Value | None
) -> None:
    """``module`` (None: a tensor) moved to ``expr`` at ``node``: remember the move
    when ``expr`` falls back to the CPU, with the expression that chose the device."""
    if expr is None or not falls_back(scope, expr):
        return
    name = dotted(expr)
    value = scope.lookup(name) if name is not None else None
    where = value.device_expr if value is not None and value.device_expr is not None else expr
    scope.w.facts.cpu_run_moves[node] = where
    if module is not None:
        gpus.built_with_cuda(scope, module, Event("move", node, Place.VAR), where)
