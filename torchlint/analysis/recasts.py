"""Parameters recast one by one: ``for p in model.parameters(): if p.requires_grad:
p.data = p.data.to(torch.float32)``. Over every parameter that is a cast of the
model; over a subset (the trainable ones, some names) it leaves a float16 model with
float32 layers, and a forward outside autocast mixes the two (``expected mat1 and
mat2 to have the same dtype``). The walk marks the model with a "recast" event; TL108
reads it at the model's next call."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.effects import CAST_METHODS
from torchlint.analysis.names import dotted
from torchlint.analysis.torch_api import SUBMODULE_ITERATORS
from torchlint.analysis.values import (
    MAYBE_DTYPE,
    NAMED_DTYPES,
    PARAMETER,
    Event,
    Kind,
    Value,
    new_ident,
)
from torchlint.lint.traverse import nodes

if TYPE_CHECKING:
    from torchlint.analysis.facts import FileFacts
    from torchlint.analysis.scope import Scope

# A parameter bound by a loop over a filtered iterable (``filter(...)``): a subset.
SOME_PARAMETER = PARAMETER + ":some"
_ITERATORS = frozenset({"parameters", "named_parameters"})


def selects_subset(test: cst.CSTNode) -> bool:
    """A condition that picks some parameters (``p.requires_grad``, ``"norm" in
    name``), not all those of a dtype (``p.dtype == torch.float16`` picks every
    float16 one, which is a cast of the whole float16 model)."""
    return not any(
        node.attr.value in ("dtype", "is_floating_point") for node in nodes(test, cst.Attribute)
    )


def loop_element(scope: Scope, node: cst.Call) -> Value | None:
    """What ``for p in model.parameters()`` (or ``named_parameters()``, or a
    ``filter(test, ...)`` of them) binds, for a model the walk knows; else None."""
    subset = False
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value == "items" and not node.args:
        # dict(model.named_parameters()).items(): the same pairs
        inner = func.value
        if not (isinstance(inner, cst.Call) and dotted(inner.func) == "dict" and inner.args):
            return None
        if not isinstance(inner.args[0].value, cst.Call):
            return None
        node = inner.args[0].value
    if dotted(node.func) == "filter" and len(node.args) == 2:
        subset = selects_subset(node.args[0].value)
        inner = node.args[1].value
        if not isinstance(inner, cst.Call):
            return None
        node = inner
    func = node.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in _ITERATORS):
        return None
    owner = scope.eval(func.value)
    if owner.kind not in (Kind.MODULE, Kind.WRAPPER) or not (owner.ident or owner.part_of):
        return None
    # (a model with parts cast on their own, also by its class's ``__init__``, never
    # cast as a whole: its first parameter's dtype is its first part's)
    # (a part cast on its own is read in its own dtype: ``next(model.body.parameters())``)
    mixed = any(key[0] == owner.ident for key in scope.w.part_casts) or (
        owner.origin.startswith("local:") and owner.last("cast") is None
    )
    param = Value(
        Kind.TENSOR,
        owner.device,
        None if mixed else owner.dtype,
        owner.device_expr,
        (),
        new_ident(),
        part_of=owner.ident or owner.part_of,
        origin=SOME_PARAMETER if subset else PARAMETER,
    )
    scope.w.param_levels[param.ident] = scope.selecting
    if func.attr.value == "named_parameters":
        return Value(Kind.TUPLE, items=(Value(None), param))
    return param


def recast(scope: Scope, target: str, value: cst.BaseExpression, stmt: cst.CSTNode) -> None:
    """``p.data = p.data.to(dtype)`` (``target`` is ``p.data``) on a parameter of a
    model, for some of its parameters only (under a condition inside the loop, or a
    loop over a filtered iterable): the model now mixes two dtypes."""
    param = scope.lookup(target[: -len(".data")])
    if param is None or not param.origin.startswith(PARAMETER) or not param.part_of:
        return
    level = scope.w.param_levels.get(param.ident, scope.selecting)
    if not (scope.selecting > level or param.origin == SOME_PARAMETER):
        return
    dtype = _cast_to(scope, value)
    if dtype is None or dtype == MAYBE_DTYPE or param.dtype in (None, MAYBE_DTYPE, dtype):
        return
    for v in scope.env.values():
        if v.ident == param.part_of and v.kind in (Kind.MODULE, Kind.WRAPPER):
            # (a model never cast as a whole, float32 as it was made or loaded: the
            # line that made it is what the recast ones mix with)
            named = v.dtype if v.last("cast") is None and v.dtype in NAMED_DTYPES else None
            made = v.dtype_event() if named is not None else None
            base = Event("create", made.node, named) if made is not None and named else None
            event = Event("recast", stmt, dtype, source=base)
            changed = replace(v, dtype=MAYBE_DTYPE, events=v.events + (event,))
            scope.update_ident(v.ident, changed)
            return


def module_loop(scope: Scope, stmt: cst.For, element: Value) -> None:
    """``for name, m in model.named_modules(): if "norm" in name: m.to(torch.float32)``
    (walked once, ``element`` what it bound): the loop casts the modules it picks, so
    the model now mixes that dtype with its own (or with another dtype the loop casts
    other modules to). Marks the model with a "recast" event at the loop's last cast,
    whose ``source`` is the cast (or the model's own dtype) it mixes with. A loop that
    casts every module alike is a cast of the whole model, not this."""
    it = stmt.iter
    if isinstance(it, cst.Call) and dotted(it.func) in ("list", "tuple") and len(it.args) == 1:
        it = it.args[0].value
    target: cst.BaseExpression = stmt.target
    if element.kind == Kind.TUPLE and len(element.items) == 2:
        element = element.items[1]  # for name, module in model.named_modules()
        target = target.elements[1].value if isinstance(target, cst.Tuple) else target
    if not (
        isinstance(it, cst.Call)
        and isinstance(it.func, cst.Attribute)
        and it.func.attr.value in SUBMODULE_ITERATORS
        and element.kind == Kind.MODULE
        and element.part_of
    ):
        return
    if any(not selects_subset(branch.test) for branch in nodes(stmt.body, cst.If)):
        return  # (``if m.weight.dtype == torch.float16: m.float()``: all of them)
    name = dotted(target)
    after = scope.env.get(name) if name is not None else None
    if after is None or after.kind != Kind.MODULE or after.dtype != MAYBE_DTYPE:
        return
    casts = [
        e
        for e in after.events[len(element.events) :]
        if e.action == "cast" and e.detail in NAMED_DTYPES and e.source is None
    ]
    owner = next(
        (v for v in scope.env.values() if v.ident == element.part_of and v.kind == Kind.MODULE),
        None,
    )
    if not casts or owner is None:
        return
    last = casts[-1]
    if last.detail == "float32" and _casts_back(scope.w.analysis):
        return
    other = next((e for e in reversed(casts) if e.detail != last.detail), None)
    if other is None:
        dtype, made = owner.dtype, owner.dtype_event()
        if dtype == MAYBE_DTYPE:
            # ``if cfg["bf16"]: model = model.to(torch.bfloat16)``: the run that takes
            # the branch (the one the option is there for) mixes the two dtypes.
            made = owner.branch_cast()
            dtype = made.detail if made is not None else None
        if dtype not in NAMED_DTYPES or dtype == last.detail or made is None:
            return
        other = Event("cast", made.node, dtype)
    event = Event("recast", last.node, last.detail, source=other)
    scope.update_ident(
        owner.ident, replace(owner, dtype=MAYBE_DTYPE, events=owner.events + (event,))
    )


def _casts_back(analysis: FileFacts) -> bool:
    """A module class of the file whose ``forward`` hands its result back in its
    input's dtype (``return out.to(input_dtype)`` after ``input_dtype = x.dtype``,
    ``out.type_as(x)``): the norms an upcast loop picks keep the activations' dtype
    (LLaVA's float32 RMSNorm that casts back, correct so)."""
    for cls in analysis.classes.values():
        forward = cls.method("forward")
        if not cls.is_module or forward is None or len(forward.params.params) < 2:
            continue
        x = forward.params.params[1].name.value
        dtypes = {f"{x}.dtype"}
        for assign in nodes(forward, cst.Assign):
            if dotted(assign.value) == f"{x}.dtype" and len(assign.targets) == 1:
                dtypes.add(dotted(assign.targets[0].target) or "")
        returns = [r.value for r in nodes(forward, cst.Return) if r.value is not None]
        if returns and all(_cast_back(r, x, dtypes) for r in returns):
            return True
    return False


def _cast_back(value: cst.BaseExpression, x: str, dtypes: set[str]) -> bool:
    if not (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and len(value.args) == 1
    ):
        return False
    method, arg = value.func.attr.value, dotted(value.args[0].value)
    return (method in ("to", "type") and arg in dtypes) or (method == "type_as" and arg == x)


def _cast_to(scope: Scope, value: cst.BaseExpression) -> str | None:
    """The dtype ``x.to(dtype)``, ``x.float()``, ``x.half()`` casts to."""
    if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)):
        return None
    method = value.func.attr.value
    if method == "to":
        return scope.to_args(value)[1]
    return CAST_METHODS.get(method)
