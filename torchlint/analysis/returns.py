"""A module made in a function of the file and handed back to its caller
(``model = build_model(args)``): the call is where the caller takes charge of it,
and where it is placed (``build_model(args).to(device)``), so the value records it
as a "return" event. A finding about a module never placed lands there
(``checks/unplaced.py``): the factory often has no device to give it. So does one
about a tensor a helper made with its ``device=None`` default (``checks/moves.py``).
"""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis.scope import Scope
from torchlint.analysis.values import Event, Kind, Site, Value
from torchlint.lint.traverse import nodes


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
    back = Event("return", call, bound=frozenset(scope.env))
    return replace(value, events=(*value.events, back))
