"""A module made in a function of the file and handed back to its caller
(``model = build_model(args)``): the call is where the caller takes charge of it,
and where it is placed (``build_model(args).to(device)``), so the value records it
as a "return" event. A finding about a module never placed lands there
(``checks/unplaced.py``): the factory often has no device to give it. So does one
about a tensor a helper made with its ``device=None`` default (``checks/moves.py``).
A factory that places its module on one path and hands it back unplaced on another
(``left_on_cpu``) is reported at that path's ``return``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import libcst as cst

from torchlint.analysis.scope import Scope
from torchlint.analysis.values import Event, Kind, Place, Site, Value
from torchlint.lint.traverse import nodes

# The detail of the "return" event ``left_on_cpu`` adds: the factory's own ``return``,
# where the module has the factory's name for it (not the caller's).
LEFT_ON_PATH = "left on this path"


def handed_back(scope: Scope, fn: cst.FunctionDef, call: Site, value: Value) -> Value:
    """``value`` as ``fn`` returned it to ``call``: with a "return" event when it is
    a module ``fn`` made, or a tensor (``build_cache(n)`` whose ``device=None``
    default the call left: the call is the line to change)."""
    if value.kind == Kind.TUPLE and value.items:
        # return cos, sin; return model, config (the tensors and the modules only)
        items = tuple(
            handed_back(scope, fn, call, item) if item.kind in (Kind.TENSOR, Kind.MODULE) else item
            for item in value.items
        )
        return replace(value, items=items)
    made = value.last("create") if value.kind in (Kind.MODULE, Kind.TENSOR) else None
    if made is None or not isinstance(call, cst.Call):
        return value
    if fn not in scope.w.fn_nodes:
        scope.w.fn_nodes[fn] = frozenset(id(n) for n in nodes(fn, cst.CSTNode))
    if id(made.node) not in scope.w.fn_nodes[fn]:
        return value
    kept = value.last("return")
    if kept is not None and id(kept.node) in scope.w.fn_nodes[fn]:
        return value  # (handed back at a return of ``fn``: that line is the one to change)
    back = Event("return", call, bound=frozenset(scope.env))
    return replace(value, events=(*value.events, back))


def left_on_cpu(returns: Sequence[Value], at: Sequence[cst.CSTNode]) -> Value | None:
    """A factory that places the module it makes on one path and hands back one it
    made on another without moving it (``if local: return net.eval()`` before
    ``return net.to(DEVICE).eval()``): the run that takes that path has the model on
    the CPU, as the optimizer a path left there is (``values.merge_values``). That
    path's module, handed back at its ``return`` (the line to change, where the other
    path has its move)."""
    if len(returns) < 2 or len(at) != len(returns):
        return None
    if any(v.kind != Kind.MODULE for v in returns):
        return None
    placed = any(v.on_accelerator and v.last("move", "place") for v in returns)
    for value, stmt in zip(returns, at, strict=True):
        if (
            placed
            and value.device == Place.CPU
            and value.dtype is not None
            and value.last("create") is not None
            # (made here: not a module handed in, which the caller may keep on the CPU)
            and value.last("move", "place", "wrap", "maybe-wrap", "return", "pass") is None
            and isinstance(stmt, cst.Return)
            and stmt.value is not None
        ):
            return replace(value, events=(*value.events, Event("return", stmt.value, LEFT_ON_PATH)))
    return None
