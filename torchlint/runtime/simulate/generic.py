"""The generic op under simulation, for every op without a handler (the hot path): the
check CUDA makes that an op's tensors share one device, the device tag of its result,
and its story (made, cast, or passed on from its inputs)."""

from __future__ import annotations

import importlib
from typing import Any

import torch
from torch import Tensor

from torchlint.runtime.simulate.simulation import CPU, Simulation, is_wrapped
from torchlint.runtime.simulate.tags import Steps


def generic(
    sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any], ignore: tuple[Any, ...] = ()
) -> Any:
    # The hot path: every op without a handler comes here. One pass over the
    # arguments, reading the tag table directly.
    if _device_mod.CURRENT_DEVICE is not None:
        kwargs = default_device(func, kwargs)
    if kwargs and "device" in kwargs:
        is_cuda, target = sim.parse_device(kwargs["device"])
        if is_cuda:
            kwargs = dict(kwargs)
            kwargs["device"] = CPU
            out = func(*args, **kwargs)
            sim.tag_result(out, target)
            sim.set_origin(out, "made")
            return out
    table = sim.tags._d
    origins = sim.origins._d
    origin: Steps | None = None
    first: Tensor | None = None  # the first input with a story (origin is its story)
    storied: list[tuple[Tensor, Steps]] | None = None  # the others
    device: torch.device | None = None
    untagged: list[Tensor] | None = None
    for a in (*args, *kwargs.values()) if kwargs else args:
        if isinstance(a, Tensor):
            items: Any = (a,)
        elif isinstance(a, (list, tuple)):
            items = a
        else:
            continue
        for t in items:
            if not isinstance(t, Tensor):
                continue
            known = origins.get(id(t))
            if known is not None and known[0]() is t:
                if origin is None:
                    origin, first = known[1], t
                elif storied is None:
                    storied = [(t, known[1])]
                else:
                    storied.append((t, known[1]))
            entry = table.get(id(t))
            tag: torch.device | None
            if entry is not None and entry[0]() is t:
                tag = entry[1]
            elif sim.transforms and is_wrapped(t):
                tag = sim.tag_of(t)
            else:
                tag = None
            if tag is not None:
                if device is None:
                    device = tag
                elif tag is not device and tag != device:
                    raise sim.raise_device_mismatch(func, args, kwargs, device, tag)
            elif untagged is None:
                untagged = [t]
            else:
                untagged.append(t)
    if device is not None and untagged is not None and not sim.lenient:
        for t in untagged:
            # A CPU scalar (0-dim) may join a CUDA op, as on CUDA.
            if t.dim() != 0 and t.device.type == "cpu" and not any(t is i for i in ignore):
                tag = sim.tag_of(t)
                if tag is None:
                    raise sim.raise_device_mismatch(func, args, kwargs, device, t.device)
                if tag != device:
                    raise sim.raise_device_mismatch(func, args, kwargs, device, tag)
    out = func(*args, **kwargs)
    if device is not None and func not in _FACTORIES:
        if isinstance(out, Tensor):
            sim.tags.set(out, device)
        else:
            sim.tag_result(out, device)
    how = _ORIGIN_OPS.get(func)
    if how is not None:
        if how == "made":
            sim.set_origin(out, how)
        elif out is args[0]:
            sim.add_step(out, how)  # a no-op cast: still where the code chose the dtype
        else:
            sim.set_origin(out, how, after=origin)
    elif origin is not None and out is not None:
        # Derived: the story of its first input with one, or of the first of them
        # that has its dtype (an embedding's output is its weight's, not the ids').
        if storied is not None and isinstance(out, Tensor) and first is not None:
            if first.dtype != out.dtype:
                origin = next((st for t, st in storied if t.dtype == out.dtype), origin)
        sim.copy_origin(out, origin)
    return out


_device_mod: Any = importlib.import_module("torch.utils._device")
_CONSTRUCTORS: Any = _device_mod._device_constructors()


# Factories: a tensor among their arguments (``torch.arange(n)`` of a 0-dim GPU tensor)
# is a number to them, and their result is on the default device.
_FACTORIES = frozenset(
    f for f in _CONSTRUCTORS if f not in (torch.asarray, torch.tensor, torch.as_tensor)
)

# Ops after which a tensor's device or dtype is set where the op was called (the rest
# pass on their first input's origin).
_ORIGIN_OPS: dict[Any, str] = {f: "made" for f in _CONSTRUCTORS}
for _name in (
    "zeros_like",
    "ones_like",
    "empty_like",
    "full_like",
    "rand_like",
    "randn_like",
    "randint_like",
    "from_numpy",
    "frombuffer",
):
    if hasattr(torch, _name):
        _ORIGIN_OPS[getattr(torch, _name)] = "made"
_ORIGIN_OPS[Tensor.clone] = "made"
for _name in (
    "half",
    "float",
    "double",
    "bfloat16",
    "long",
    "int",
    "short",
    "char",
    "byte",
    "bool",
):
    _ORIGIN_OPS[getattr(Tensor, _name)] = "cast"


def default_device(func: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """``torch.set_default_device("cuda")`` / ``with torch.device("cuda")``: torch's
    DeviceContext may sit below this mode, so name the device here."""
    current = _device_mod.CURRENT_DEVICE
    if (
        current is not None
        and current.type == "cuda"
        and func in _CONSTRUCTORS
        and kwargs.get("device") is None
    ):
        return dict(kwargs, device=current)
    return kwargs
