"""Run PyTorch code under instrumentation and record device/dtype mismatches: the
entry points (``check``, ``acquire``, ``release``) and the installing of the parts.

With ``simulate_cuda``, CUDA is simulated on the CPU (the design and its measurements
are in docs/runtime.md): every tensor stays a real CPU tensor, and the ones that would
live on a GPU carry a virtual device tag. One ``TorchFunctionMode`` answers the
device getters from the tag, turns ``.cuda()``, ``.to("cuda")`` and ``device="cuda"``
into CPU work plus a tag, and checks before each op that its tensors share one device
(as CUDA does: 0-dim CPU tensors and CPU index tensors are allowed), raising CUDA's own
error text with a "(simulated)" suffix. Global module hooks keep a stack of the modules
running, so a record names the module (``Net.fc2``), its parameters' and inputs'
devices and dtypes, and the user's source line.

The parts, each imported only by those above it: ``frames.py`` (where things happened,
from the stack), ``tags.py`` (the tag and story tables), ``simulation.py`` (one run's
state and the records it makes), ``generic.py`` and ``handlers.py`` (what each op
does), ``modes.py`` (the torch function modes), ``serialization.py``
(``torch.load``/``save``), ``fake_cuda.py`` and ``parallel.py`` (the patches of torch).

This package imports torch; nothing in static linting imports it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from torch.nn.modules import module as module_hooks

from torchlint.runtime.records import RecordLog
from torchlint.runtime.simulate import fake_cuda, parallel, serialization
from torchlint.runtime.simulate.frames import TORCH_DIR, traceback_frames, user_frames
from torchlint.runtime.simulate.modes import RecordMode, SimMode
from torchlint.runtime.simulate.simulation import (
    SimulatedCudaError,
    SimulatedNumpyError,
    Simulation,
    active,
    set_active,
)

__all__ = [
    "TORCH_DIR",
    "SimulatedCudaError",
    "SimulatedNumpyError",
    "Simulation",
    "acquire",
    "active",
    "check",
    "release",
    "traceback_frames",
    "user_frames",
]

# How many acquire()s the active simulation has had without their release().
_depth = 0
_lock = threading.Lock()


def _install(sim: Simulation) -> None:
    """The module hooks, then (simulating) the patches of torch, then the mode; all
    undone by ``sim.uninstall()``, also when one of them fails."""
    try:
        pre = module_hooks.register_module_forward_pre_hook(sim.pre_hook)
        sim.defer(pre.remove)
        post = module_hooks.register_module_forward_hook(sim.post_hook, always_call=True)
        sim.defer(post.remove)
        parallel.hold_process_groups(sim)
        mode: Any  # TorchFunctionMode's __enter__ and __exit__ are untyped
        if sim.simulate_cuda:
            fake_cuda.patch(sim)
            serialization.patch(sim)
            parallel.patch(sim)
            mode = SimMode(sim)
        else:
            mode = RecordMode(sim)
        mode.__enter__()
        sim.defer(lambda: mode.__exit__(None, None, None))
    except BaseException:
        sim.uninstall()
        raise


def acquire(simulate_cuda: bool, device_count: int = 1) -> Simulation:
    """The active simulation (a nested check shares it), else a new one, installed."""
    global _depth
    with _lock:
        current = active()
        if current is not None:
            if current.simulate_cuda != simulate_cuda:
                raise RuntimeError(
                    "a runtime check is already active with simulate_cuda="
                    f"{current.simulate_cuda}; nested checks must agree"
                )
            _depth += 1
            return current
        sim = Simulation(simulate_cuda, device_count)
        _install(sim)
        set_active(sim)
        _depth = 1
        return sim


def release(sim: Simulation) -> None:
    """One ``acquire`` less; the last one uninstalls the simulation."""
    global _depth
    with _lock:
        if active() is not sim:
            return
        _depth -= 1
        if _depth == 0:
            set_active(None)
            sim.uninstall()


@contextlib.contextmanager
def check(simulate_cuda: bool = True, device_count: int = 1) -> Iterator[RecordLog]:
    sim = acquire(simulate_cuda, device_count)
    log = RecordLog(simulate_cuda=simulate_cuda)
    sim.logs.append(log)
    try:
        yield log
    except BaseException as exc:
        sim.escaped(exc)
        raise
    finally:
        sim.logs.remove(log)
        release(sim)
