"""Several GPUs under simulation: DataParallel's scatter, gather and broadcast done
with moves and its replicas run one after another, each under its device; DataParallel
and DDP noting where they wrap a module; NCCL as a one-process gloo group; and
``torch.multiprocessing.spawn`` running its ranks in this process."""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor

from torchlint.runtime.simulate.fake_cuda import DeviceContext
from torchlint.runtime.simulate.frames import origin_frame
from torchlint.runtime.simulate.modes import backward_in_mode, forward_in_mode
from torchlint.runtime.simulate.simulation import Simulation, sim_index


def patch(sim: Simulation) -> None:
    """Patch DataParallel's kernels and wrappers, and torch.distributed, for ``sim``."""
    _data_parallel(sim)
    _distributed(sim)


def _data_parallel(sim: Simulation) -> None:
    p = sim.patch

    # DataParallel's scatter/gather/broadcast are CUDA kernels: do them with moves.
    from torch.nn.parallel import comm

    def scatter(
        tensor: Tensor,
        devices: Any = None,
        chunk_sizes: Any = None,
        dim: int = 0,
        streams: Any = None,
        *,
        out: Any = None,
    ) -> tuple[Tensor, ...]:
        targets = [sim.cuda(sim_index(d)) for d in devices or range(sim.device_count)]
        sizes = list(chunk_sizes) if chunk_sizes else None
        source: Any = tensor
        parts = source.split(sizes, dim) if sizes else source.chunk(len(targets), dim)
        return tuple(part.to(d) for part, d in zip(parts, targets, strict=False))

    def gather(tensors: Any, dim: int = 0, destination: Any = None, *, out: Any = None) -> Tensor:
        target = (
            "cpu" if destination == -1 or destination == "cpu" else sim.cuda(sim_index(destination))
        )
        return torch.cat([t.to(target) for t in tensors], dim)

    def broadcast_coalesced(tensors: Any, devices: Any, buffer_size: int = 0) -> Any:
        return [[t.to(sim.cuda(sim_index(d))) for t in tensors] for d in devices]

    def reduce_add_coalesced(inputs: Any, destination: Any = None, buffer_size: int = 0) -> Any:
        target = sim.cuda(sim_index(destination))
        return [
            functools.reduce(torch.add, [t.to(target) for t in group])
            for group in zip(*inputs, strict=False)
        ]

    p(comm, "scatter", scatter)
    p(comm, "gather", gather)
    p(comm, "broadcast_coalesced", broadcast_coalesced)
    p(comm, "reduce_add_coalesced", reduce_add_coalesced)

    # ... and its replicas run one after the other, in this thread (the mode is
    # per thread), each under its device.
    # (torch.nn.parallel.data_parallel is also a function's name: take the module.)
    data_parallel = importlib.import_module("torch.nn.parallel.data_parallel")

    def parallel_apply(
        modules: Any, inputs: Any, kwargs_tup: Any = None, devices: Any = None
    ) -> list[Any]:
        kwargs_list = kwargs_tup or [{}] * len(modules)
        outputs = []
        for i, (module, args, kwargs) in enumerate(zip(modules, inputs, kwargs_list, strict=False)):
            index = sim_index(devices[i]) if devices else i
            with DeviceContext(index):
                if not isinstance(args, (list, tuple)):
                    args = (args,)
                outputs.append(module(*args, **kwargs))
        return outputs

    p(data_parallel, "parallel_apply", parallel_apply)

    # Their autograd Functions: backward runs in the autograd engine, outside the
    # mode; run them under it, with the incoming gradients on their outputs'
    # devices (DataParallel backward over several simulated devices).
    functions = importlib.import_module("torch.nn.parallel._functions")
    for name in ("Broadcast", "ReduceAddCoalesced", "Gather", "Scatter"):
        fn_cls = getattr(functions, name)
        p(fn_cls, "forward", staticmethod(forward_in_mode(sim, fn_cls.forward)))
        p(fn_cls, "backward", staticmethod(backward_in_mode(sim, fn_cls.backward)))

    from torch.nn.parallel import DistributedDataParallel

    for wrapper in (torch.nn.DataParallel, DistributedDataParallel):
        p(wrapper, "__init__", _note_wrap(sim, wrapper.__init__))


def _distributed(sim: Simulation) -> None:
    """NCCL stands in as a one-process group over gloo (this process is the whole
    world), and ``torch.multiprocessing.spawn`` runs its ranks one after another in
    this process, so that each rank's device logic runs as on a GPU node."""
    dist: Any = torch.distributed
    if not dist.is_available():
        return
    p = sim.patch
    c10d = importlib.import_module("torch.distributed.distributed_c10d")
    init = c10d.init_process_group

    def init_process_group(
        backend: Any = None,
        init_method: Any = None,
        timeout: Any = None,
        world_size: int = -1,
        rank: int = -1,
        store: Any = None,
        group_name: str = "",
        pg_options: Any = None,
        device_id: Any = None,
        **kwargs: Any,
    ) -> None:
        if device_id is not None:
            sim.set_current_device(device_id)
        extra = {"timeout": timeout} if timeout is not None else {}
        init(
            backend="gloo",
            store=dist.HashStore(),
            world_size=1,
            rank=0,
            group_name=group_name,
            **extra,
        )

    for owner in (dist, c10d):
        p(owner, "init_process_group", init_process_group)
        p(owner, "is_nccl_available", lambda: True)

    mp: Any = importlib.import_module("torch.multiprocessing")

    class _Context:
        processes: list[Any] = []

        def join(self, timeout: Any = None, grace_period: Any = None) -> bool:
            return True

        def pids(self) -> list[int]:
            return []

    def spawn(
        fn: Callable[..., Any],
        args: Any = (),
        nprocs: int = 1,
        join: bool = True,
        daemon: bool = False,
        start_method: str = "spawn",
    ) -> Any:
        for rank in range(nprocs):
            sim.current_device = 0  # a fresh process starts on device 0
            try:
                fn(rank, *args)
            finally:
                if dist.is_initialized():
                    dist.destroy_process_group()
        sim.current_device = 0
        return None if join else _Context()

    for name in ("spawn", "start_processes"):
        p(mp, name, spawn)
    spawn_mod = sys.modules.get("torch.multiprocessing.spawn")
    if spawn_mod is not None:
        for name in ("spawn", "start_processes"):
            p(spawn_mod, name, spawn)


def hold_process_groups(sim: Simulation) -> None:
    """Keep every process group made during the run alive until the run's modes have
    exited (call this before the mode is entered, so that its undo runs after).

    A gloo work item captures the thread-local state, and with it the run's torch
    function mode, a Python object. When the script drops its last DDP model right
    after a backward (a ``spawn``ed rank returning, say), the reducer frees the
    group, and the group joins its worker threads while holding the GIL, as a worker
    is still freeing a finished work item and waits for the GIL to drop the mode: a
    deadlock that a run without the check never has. Held here, the groups are freed
    after the run, when their workers are idle."""
    dist: Any = torch.distributed
    if not dist.is_available():
        return
    c10d = importlib.import_module("torch.distributed.distributed_c10d")
    make = getattr(c10d, "_new_process_group_helper", None)
    if make is None:
        return
    held: list[Any] = []

    @functools.wraps(make)
    def new_process_group(*args: Any, **kwargs: Any) -> Any:
        made = make(*args, **kwargs)
        held.append(made)
        return made

    sim.defer(held.clear)
    sim.patch(c10d, "_new_process_group_helper", new_process_group)


def _note_wrap(sim: Simulation, init: Callable[..., None]) -> Callable[..., None]:
    """A DataParallel / DDP ``__init__`` that notes where the wrapper was made."""

    @functools.wraps(init)
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> None:
        frame = origin_frame(sys._getframe(1))
        if frame is not None:
            sim.wrapped_at[self] = (frame, args[0] if args else kwargs.get("module"))
        init(self, *args, **kwargs)

    return wrapped
