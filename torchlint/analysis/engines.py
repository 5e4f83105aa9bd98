"""Training engines that take the model over: accelerate's ``prepare``, DeepSpeed's
``initialize`` (whose engine runs the model's forward) and apex's ``amp.initialize``
(which patches the model and hands it back). Called by ``effects.library_call``."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis.scope import Scope
from torchlint.analysis.values import MAYBE_DTYPE, UNKNOWN, Event, Kind, Place, Value

Args = list[tuple[cst.Arg, Value]]

DEEPSPEED_ENGINE = "DeepSpeedEngine"
# A DeepSpeedEngine's own methods that run no forward of the model it wraps.
_PLUMBING = frozenset(
    "backward step save_checkpoint load_checkpoint save_16bit_model get_lr "
    "get_global_grad_norm is_gradient_accumulation_boundary set_gradient_accumulation_boundary "
    "destroy".split()
)


def plumbing(engine: Event, method: str) -> bool:
    """``engine.backward(loss)``, ``engine.step()`` on what ``deepspeed.initialize``
    handed back (``engine``: its last wrap): the engine's training steps, no forward."""
    return engine.detail == DEEPSPEED_ENGINE and method in _PLUMBING


def placed_all(scope: Scope, node: cst.Call, args: list[tuple[cst.Arg, Value]], how: str) -> Value:
    """``accelerator.prepare(...)``, ``deepspeed.initialize(...)``: every module given
    is placed by the library, for every name that holds it."""
    placed = []
    for _, value in args:
        if value.kind == Kind.OPTIMIZER:
            scope.escape(value)  # accelerate moves an optimizer's state with the model
        if value.kind in (Kind.MODULE, Kind.WRAPPER) and value.ident:
            new = replace(
                value, device=Place.PREPARED, events=value.events + (Event("place", node, how),)
            )
            scope.update_ident(value.ident, new)
            placed.append(new)
    # model = accelerator.prepare(model): the result is the placed model.
    return placed[0] if len(args) == 1 and placed else UNKNOWN


def deepspeed_initialize(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``engine, optimizer, loader, scheduler = deepspeed.initialize(model=model, ...)``:
    the model is placed by the library; the engine (always the first of the four) wraps
    it, and calling the engine runs the model's forward."""
    placed_all(scope, node, args, "deepspeed.initialize")
    # (deepspeed.initialize(args=None, model=None, ...): the model is the second)
    positional = [v for a, v in args if a.keyword is None and not a.star]
    model = next(
        (v for a, v in args if a.keyword and a.keyword.value == "model"),
        positional[1] if len(positional) > 1 else UNKNOWN,
    )
    if model.kind not in (Kind.MODULE, Kind.WRAPPER) or not model.ident:
        return UNKNOWN
    placed = (
        Event("place", node, "deepspeed.initialize"),
        Event("wrap", node, DEEPSPEED_ENGINE),
    )
    engine = replace(model, kind=Kind.WRAPPER, device=Place.PREPARED, events=model.events + placed)
    return Value(Kind.TUPLE, items=(engine, UNKNOWN, UNKNOWN, UNKNOWN))


def amp_initialize(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """apex's ``model, optimizer = amp.initialize(model, optimizer, opt_level=...)``:
    the model and optimizer it was given, patched in place and handed back (a model
    alone without optimizers); its weights keep their place, and their dtype is the
    opt level's (O2/O3 cast them to float16), unknown here."""
    positional = [v for a, v in args if a.keyword is None and not a.star]
    given = {a.keyword.value: v for a, v in args if a.keyword is not None}
    model = positional[0] if positional else given.get("models", UNKNOWN)
    optimizer = positional[1] if len(positional) > 1 else given.get("optimizers")
    if model.kind not in (Kind.MODULE, Kind.WRAPPER) or not model.ident:
        scope.escape_args(args)
        return UNKNOWN
    level = next((a.value for a, _ in args if a.keyword and a.keyword.value == "opt_level"), None)
    if not (isinstance(level, cst.SimpleString) and level.evaluated_value in ("O0", "O1")):
        # (O2 and O3 cast the weights to float16, O2 but its batch norms)
        o3 = isinstance(level, cst.SimpleString) and level.evaluated_value == "O3"
        dtype = "float16" if o3 else MAYBE_DTYPE
        model = replace(model, dtype=dtype)
        scope.update_ident(model.ident, model)
    if optimizer is None:
        return model
    return Value(Kind.TUPLE, items=(model, optimizer))
