"""A module class of the file built around what its ``__init__`` keeps: where the
instance's weights are, and in what dtype, when they are the state it was given
(``Wrapper(net)``, ``LoRABlock(base, lora)``) rather than layers of its own."""

from __future__ import annotations

from dataclasses import replace

from torchlint.analysis.values import Event, Kind, Place, Value

# What a module's ``__init__`` keeps that has a place: tensors and modules.
HELD_STATE = frozenset({Kind.TENSOR, Kind.MODULE, Kind.MOVED})


def built(module: Value, attrs: dict[str, Value], given: list[Value]) -> Value:
    """``module`` as made with the ``self.`` attributes ``attrs`` its ``__init__``
    set from the arguments ``given``."""
    held = [v for v in attrs.values() if v.kind in HELD_STATE]
    if (
        module.device == Place.CPU
        and any(v.device not in (None, Place.CPU) for v in held)
        and not any(v.device == Place.CPU for v in held)
    ):
        # Its __init__ makes weights where something else is (LoRA factors made
        # with ``device=base.weight.device``), or keeps modules it is given that
        # are placed (``LoRABlock(base, lora)``): not surely on the CPU (unless one
        # of them is made there: ``nn.Parameter(torch.zeros(1))`` or an
        # ``nn.Linear`` beside them stays behind).
        module = replace(module, device=Place.MAYBE)
    dtypes = {v.dtype for v in held}
    handed = {v.ident for v in given if v.kind == Kind.MODULE and v.ident}
    casts = [c for v in held if v.ident in handed and (c := v.last("cast")) is not None]
    if casts and len(dtypes) == 1 and None not in dtypes and module.last("cast") is None:
        # Its weights are all those of modules it was given, cast before
        # (``Wrapper(net.half())``): it is in their dtype, since that cast. (Not
        # one it makes and casts itself: where such a part is stays its own.)
        (dtype,) = dtypes
        if dtype != module.dtype:
            module = replace(module, dtype=dtype, events=(*module.events, casts[-1]))
    return module


def own_cast(module: Value, part: Value) -> tuple[Event, ...]:
    """The story of ``part``, a submodule that keeps the dtype it was cast to before
    ``module`` (never cast as a whole) took it (``Wrapper(backbone.half())``): where
    the module is, and that cast, which decided its dtype (on a branch, too: the run
    that takes it computes in that dtype)."""
    cast = part.last("cast")
    if cast is None or cast in module.events:
        return module.events
    return (*module.events, cast)
