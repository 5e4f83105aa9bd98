"""``torch.load`` and ``torch.save`` under simulation: a checkpoint's storages bound for
a GPU load to the CPU with their tensors tagged, and tensors on a simulated GPU are
saved with its ``cuda:N`` location, as a real GPU run would save them."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import torch
from torch import Tensor

from torchlint.runtime.simulate.simulation import Simulation, sim_index


def patch(sim: Simulation) -> None:
    """Patch ``torch.load`` and ``torch.save`` for ``sim``."""
    p = sim.patch

    # torch.load(map_location="cuda"), or of a checkpoint saved on a GPU.
    load = torch.load

    def load_sim(f: Any, map_location: Any = None, *args: Any, **kwargs: Any) -> Any:
        return _load(sim, load, f, map_location, *args, **kwargs)

    p(torch, "load", load_sim)

    # torch.save of tensors on a simulated GPU: the checkpoint says "cuda:N" for
    # their storages, as a GPU's would, so that loading it on a machine without a
    # GPU fails as it would after a real GPU run (TL502's bug).
    save = torch.save

    def save_sim(obj: Any, f: Any, *args: Any, **kwargs: Any) -> Any:
        return _save(sim, save, obj, f, *args, **kwargs)

    p(torch, "save", save_sim)


def _load(sim: Simulation, load: Any, f: Any, map_location: Any, *args: Any, **kwargs: Any) -> Any:
    """``torch.load`` under simulation: storages bound for CUDA are loaded to the CPU,
    and the tensors that use them tagged. A callable ``map_location`` (``lambda s, loc:
    s.cuda(dev)``) runs with ``UntypedStorage.cuda`` noting the device instead."""
    cuda_storages: dict[int, torch.device] = {}

    def target_of(location: str) -> Any:
        if map_location is None:
            return location
        if isinstance(map_location, dict):
            return map_location.get(location, location)
        return map_location

    def place(storage: Any, location: str) -> Any:
        if callable(map_location) and not isinstance(map_location, (str, torch.device)):
            return map_location(storage, location)
        is_cuda, device = sim.parse_device(target_of(location))
        if is_cuda and device is not None:
            cuda_storages[storage.data_ptr()] = device
        return storage

    storage_cls: Any = torch.UntypedStorage
    storage_cuda = storage_cls.__dict__.get("cuda")

    def cuda(storage: Any, device: Any = None, non_blocking: bool = False) -> Any:
        cuda_storages[storage.data_ptr()] = sim.cuda(None if device is None else sim_index(device))
        return storage

    storage_cls.cuda = cuda
    try:
        out = load(f, place, *args, **kwargs)
    finally:
        if storage_cuda is not None:
            storage_cls.cuda = storage_cuda
        else:
            del storage_cls.cuda
    if cuda_storages:
        for t in all_tensors(out):
            device = cuda_storages.get(t.untyped_storage().data_ptr())
            if device is not None:
                sim.tags.set(t, device)
    return out


def _save(sim: Simulation, save: Any, obj: Any, f: Any, *args: Any, **kwargs: Any) -> Any:
    """``torch.save`` under simulation: storages of tensors on a simulated GPU are
    written with that GPU's location tag, through a location tagger registered for
    the length of the call (torch asks its taggers in priority order)."""
    cuda_storages: dict[int, torch.device] = {}
    for t in all_tensors(obj):
        device = sim.tags.get(t)
        ptr = t.untyped_storage().data_ptr()
        if device is not None and device.type == "cuda" and ptr:
            cuda_storages[ptr] = device
    if not cuda_storages:
        return save(obj, f, *args, **kwargs)

    def tagger(storage: Any) -> str | None:
        device = cuda_storages.get(storage.data_ptr())
        return None if device is None else f"cuda:{device.index or 0}"

    def deserializer(storage: Any, location: str) -> Any:
        return None  # loading is torch's (or _load's) business

    registry = torch.serialization._package_registry
    entry = (-1, tagger, deserializer)
    registry.insert(0, entry)
    try:
        return save(obj, f, *args, **kwargs)
    finally:
        with contextlib.suppress(ValueError):
            registry.remove(entry)


def all_tensors(obj: Any, depth: int = 0) -> Iterator[Tensor]:
    if isinstance(obj, Tensor):
        yield obj
    elif isinstance(obj, torch.nn.Module):
        yield from obj.parameters()
        yield from obj.buffers()
    elif depth < 6 and isinstance(obj, dict):
        for v in obj.values():
            yield from all_tensors(v, depth + 1)
    elif depth < 6 and isinstance(obj, (list, tuple)):
        for v in obj:
            yield from all_tensors(v, depth + 1)
