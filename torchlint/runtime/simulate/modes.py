"""The torch function modes the check runs code under: without simulation, one that
only records the ops that raise; with it, one that sends each op to its handler
(``handlers.py``) or the generic op (``generic.py``). And running autograd's backward
passes, which the engine runs outside any mode, under the simulating one."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import torch
from torch import Tensor
from torch.overrides import TorchFunctionMode

from torchlint.runtime.simulate.generic import generic
from torchlint.runtime.simulate.handlers import HANDLERS, passthrough
from torchlint.runtime.simulate.simulation import Simulation, active


class RecordMode(TorchFunctionMode):
    """Without simulation (real devices): only record the ops that raise."""

    def __init__(self, sim: Simulation) -> None:
        super().__init__()
        self.sim = sim

    def __torch_function__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
        kwargs = kwargs or {}
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            self.sim.on_error(func, args, kwargs, exc)
            raise


class SimMode(TorchFunctionMode):
    """Simulating: each op goes to its handler, else to the generic op; an op that
    raises is recorded (and still raises)."""

    def __init__(self, sim: Simulation) -> None:
        super().__init__()
        self.sim = sim

    def __torch_function__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
        if kwargs is None:
            kwargs = {}
        try:
            handler = HANDLERS.get(func)
            if handler is None:
                return generic(self.sim, func, args, kwargs)
            if handler is passthrough:
                return func(*args, **kwargs)
            return handler(self.sim, func, args, kwargs)
        except Exception as exc:
            self.sim.on_error(func, args, kwargs, exc)
            raise


@contextlib.contextmanager
def _in_mode(sim: Simulation) -> Iterator[None]:
    """Run under the simulation's mode (the autograd engine runs backward without it)."""
    if any(isinstance(m, SimMode) for m in _mode_stack()):
        yield
        return
    with SimMode(sim):
        yield


def forward_in_mode(sim: Simulation, forward: Callable[..., Any]) -> Callable[..., Any]:
    def run(ctx: Any, *args: Any) -> Any:
        with _in_mode(sim):
            out = forward(ctx, *args)
        outs = out if isinstance(out, tuple) else (out,)
        ctx._torchlint_devices = [sim.tags.get(o) if isinstance(o, Tensor) else None for o in outs]
        return out

    return run


def lenient_backward(sim: Simulation, backward: Callable[..., Any]) -> Callable[..., Any]:
    """A custom autograd Function's backward, run under the simulation (the engine
    runs it without the mode), leniently: a tensor autograd hands back untagged (a
    saved output) is of unknown device, so only tensors on two GPUs conflict."""

    def run(ctx: Any, *grads: Any) -> Any:
        if active() is not sim:
            return backward(ctx, *grads)
        devices = getattr(ctx, "_torchlint_devices", ())
        for g, device in zip(grads, devices, strict=False):
            if isinstance(g, Tensor) and device is not None and sim.tags.get(g) is None:
                sim.tags.set(g, device)
        sim.lenient += 1
        try:
            with _in_mode(sim):
                return backward(ctx, *grads)
        finally:
            sim.lenient -= 1

    run._torchlint = True  # type: ignore[attr-defined]
    return run


def backward_in_mode(sim: Simulation, backward: Callable[..., Any]) -> Callable[..., Any]:
    def run(ctx: Any, *grads: Any) -> Any:
        devices = getattr(ctx, "_torchlint_devices", ())
        for g, device in zip(grads, devices, strict=False):
            if isinstance(g, Tensor) and device is not None and sim.tags.get(g) is None:
                sim.tags.set(g, device)
        with _in_mode(sim):
            return backward(ctx, *grads)

    run._torchlint = True  # type: ignore[attr-defined]
    return run


_mode_stack: Callable[[], list[Any]] = torch.overrides._get_current_function_mode_stack
