"""The fake ``torch.cuda`` under simulation, and what else a GPU brings: devices,
streams, events and memory queries that answer as one or more GPUs would, the
accelerator API, autocast("cuda") as CPU autocast, device tags that follow
``nn.Parameter``, ``swap_tensors``, custom autograd Functions and ``torch.func``
transforms, the legacy tensor types, and ``torch.compile`` run eagerly. Each group of
patches is one function; ``patch`` applies them all."""

from __future__ import annotations

import collections
import contextlib
import functools
import importlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import torch
from torch import Tensor

from torchlint.runtime.simulate.modes import lenient_backward
from torchlint.runtime.simulate.serialization import all_tensors
from torchlint.runtime.simulate.simulation import (
    LEGACY_TYPES,
    Simulation,
    active,
    sim_index,
)

_T: Any = torch.Tensor  # its getset descriptors and __new__, untyped


class _Props:
    def __init__(self, index: int) -> None:
        self.name = "torchlint simulated GPU"
        self.major, self.minor = 8, 0
        self.total_memory = 80 * 1024**3
        self.multi_processor_count = 108
        self.is_integrated = False
        self.is_multi_gpu_board = False
        self.L2_cache_size = 40 * 1024**2
        self.warp_size = 32
        self.max_threads_per_multi_processor = 2048
        self.gcnArchName = "sm_80"
        self.uuid = f"00000000-0000-0000-0000-{index:012d}"
        self.index = index

    def __repr__(self) -> str:
        return (
            f"_CudaDeviceProperties(name='{self.name}', major={self.major}, minor={self.minor}, "
            f"total_memory={self.total_memory // 1024**2}MB, "
            f"multi_processor_count={self.multi_processor_count})"
        )


class _Event:
    def __init__(
        self, enable_timing: bool = False, blocking: bool = False, interprocess: bool = False
    ) -> None:
        self._time: float | None = None

    def record(self, stream: Any = None) -> None:
        self._time = time.perf_counter()

    def wait(self, stream: Any = None) -> None:
        pass

    def query(self) -> bool:
        return True

    def synchronize(self) -> None:
        pass

    def elapsed_time(self, end: _Event) -> float:
        if self._time is None or end._time is None:
            raise RuntimeError("Both events must be recorded before calculating elapsed time.")
        return (end._time - self._time) * 1000.0


class _Stream:
    def __init__(self, device: Any = None, priority: int = 0, **kwargs: Any) -> None:
        self.device = torch.device("cuda", sim_index(device))
        self.priority = priority
        self.cuda_stream = 0

    def wait_stream(self, stream: Any) -> None:
        pass

    def wait_event(self, event: Any) -> None:
        pass

    def record_event(self, event: Any = None) -> Any:
        event = event if event is not None else _Event()
        event.record(self)
        return event

    def synchronize(self) -> None:
        pass

    def query(self) -> bool:
        return True

    def is_capturing(self) -> bool:
        return False

    def __enter__(self) -> _Stream:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _nothing() -> Callable[..., None]:
    def nothing(*args: Any, **kwargs: Any) -> None:
        return None

    return nothing


def _zero() -> Callable[..., int]:
    def zero(*args: Any, **kwargs: Any) -> int:
        return 0

    return zero


class _LegacyTypeMeta(type):
    """``torch.cuda.FloatTensor``, ``torch.FloatTensor`` and friends under simulation:
    ``isinstance`` asks the virtual device."""

    sim: Simulation
    dtype: torch.dtype
    on_cuda: bool

    def __instancecheck__(cls, obj: object) -> bool:
        return (
            isinstance(obj, Tensor)
            and obj.dtype == cls.dtype
            and not obj.is_sparse
            and (cls.sim.tags.get(obj) is not None) == cls.on_cuda
        )


def _legacy_type_class(sim: Simulation, name: str, dtype: torch.dtype, on_cuda: bool) -> type:
    """A stand-in for ``torch.cuda.<name>`` (``on_cuda``) or ``torch.<name>``: the CPU
    legacy constructor, then the tag and the origin."""
    cpu_type = getattr(torch, name)

    def new(cls: type, *args: Any, **kwargs: Any) -> Tensor:
        out = cpu_type(*args, **kwargs)
        if on_cuda:
            sim.tags.set(out, sim.cuda(None))
        sim.set_origin(out, "made")
        return out  # type: ignore[no-any-return]

    # Named as the class it stands in for: a record of an error it raises names it.
    qualname = f"torch.{'cuda.' if on_cuda else ''}{name}"
    new.__code__ = new.__code__.replace(co_name=name, co_qualname=qualname)
    return _LegacyTypeMeta(
        name,
        (),
        {
            "__new__": new,
            "__module__": "torch.cuda" if on_cuda else "torch",
            "sim": sim,
            "dtype": dtype,
            "on_cuda": on_cuda,
        },
    )


class DeviceContext:
    """``torch.cuda.device(i)``: makes i the current device inside the block."""

    def __init__(self, device: Any) -> None:
        self.idx = -1 if device is None or device == -1 else sim_index(device)
        self.prev_idx = -1

    def __enter__(self) -> None:
        sim = active()
        if sim is None or self.idx < 0:
            return
        self.prev_idx = sim.current_device
        sim.set_current_device(self.idx)

    def __exit__(self, *exc: object) -> None:
        sim = active()
        if sim is not None and self.prev_idx >= 0:
            sim.current_device = self.prev_idx


def _made_by(sim: Simulation, factory: Callable[..., Tensor]) -> Callable[..., Tensor]:
    @functools.wraps(factory)
    def made(*args: Any, **kwargs: Any) -> Tensor:
        out = factory(*args, **kwargs)
        sim.set_origin(out, "made")
        return out

    return made


def patch(sim: Simulation) -> None:
    """Patch ``torch.cuda`` and the rest of this module's list for ``sim`` (undone
    when it is uninstalled)."""
    # One stream object per device, for torch.cuda and torch.accelerator alike.
    streams: dict[int, _Stream] = {}

    def stream_for(device: Any = None) -> _Stream:
        index = sim_index(device)
        if index not in streams:
            streams[index] = _Stream(index)
        return streams[index]

    _cuda_api(sim, stream_for)
    _accelerator(sim, stream_for)
    _autocast(sim)
    _tags_follow(sim)
    _autograd(sim)
    _constructors(sim)
    _eager(sim)


def _cuda_api(sim: Simulation, stream_for: Callable[..., _Stream]) -> None:
    """``torch.cuda``'s functions, as on a machine with ``sim.device_count`` GPUs."""
    cuda = torch.cuda
    p = sim.patch

    @contextlib.contextmanager
    def stream_context(stream: Any = None) -> Iterator[None]:
        yield

    def set_device(device: Any) -> None:
        sim.set_current_device(device)

    def device_of(obj: Any) -> DeviceContext:
        tag = sim.tags.get(obj) if isinstance(obj, Tensor) else None
        return DeviceContext(tag.index if tag is not None else None)

    def mem_get_info(device: Any = None) -> tuple[int, int]:
        total = 80 * 1024**3
        return total, total

    p(cuda, "is_available", lambda: True)
    p(cuda, "is_initialized", lambda: True)
    p(cuda, "device_count", lambda: sim.device_count)
    p(cuda, "current_device", lambda: sim.current_device)
    p(cuda, "set_device", set_device)
    p(cuda, "_lazy_init", _nothing())
    p(cuda, "init", _nothing())
    p(cuda, "get_device_name", lambda device=None: _Props(sim_index(device)).name)
    p(cuda, "get_device_capability", lambda device=None: (8, 0))
    p(cuda, "get_device_properties", lambda device=None: _Props(sim_index(device)))
    p(cuda, "get_arch_list", lambda: ["sm_80"])
    p(cuda, "is_bf16_supported", lambda *a, **k: True)
    p(cuda, "is_tf32_supported", lambda *a, **k: True)
    p(cuda, "synchronize", _nothing())
    p(cuda, "ipc_collect", _nothing())
    p(cuda, "can_device_access_peer", lambda *a: True)
    for name in (
        "memory_allocated",
        "max_memory_allocated",
        "memory_reserved",
        "max_memory_reserved",
        "memory_cached",
        "max_memory_cached",
        "device_memory_used",
    ):
        p(cuda, name, _zero())
    for name in (
        "empty_cache",
        "reset_peak_memory_stats",
        "reset_max_memory_allocated",
        "reset_max_memory_cached",
        "reset_accumulated_memory_stats",
        "set_per_process_memory_fraction",
    ):
        p(cuda, name, _nothing())
    p(cuda, "memory_stats", lambda device=None: collections.OrderedDict())
    p(cuda, "memory_summary", lambda *a, **k: "")
    p(cuda, "mem_get_info", mem_get_info)
    for name in ("manual_seed", "manual_seed_all", "seed", "seed_all", "set_rng_state"):
        p(cuda, name, _nothing())
    p(cuda, "set_rng_state_all", _nothing())
    p(cuda, "initial_seed", lambda: torch.initial_seed())
    p(cuda, "get_rng_state", lambda device="cuda": torch.get_rng_state())
    p(cuda, "get_rng_state_all", lambda: [torch.get_rng_state()] * sim.device_count)
    p(cuda, "Stream", _Stream)
    p(cuda, "Event", _Event)
    p(cuda, "current_stream", stream_for)
    p(cuda, "default_stream", stream_for)
    p(cuda, "stream", stream_context)
    p(cuda, "set_stream", _nothing())
    p(cuda, "is_current_stream_capturing", lambda: False)
    # cuDNN is not there: RNNs keep their weights as they are (and say nothing).
    p(torch.backends.cudnn, "is_acceptable", lambda tensor: False)
    p(cuda, "device", DeviceContext)
    p(cuda, "device_of", device_of)
    nvtx = cuda.nvtx
    p(nvtx, "range_push", _zero())
    p(nvtx, "range_pop", _zero())
    p(nvtx, "mark", _nothing())
    p(nvtx, "range", stream_context)

    # Pinned memory needs a real accelerator; a CPU tensor is what it gives back.
    from torch.utils.data._utils import pin_memory as pin_mod

    p(pin_mod, "pin_memory", lambda data, device=None: data)


def _accelerator(sim: Simulation, stream_for: Callable[..., _Stream]) -> None:
    """``torch.accelerator`` (torch 2.6+) says CUDA."""
    p = sim.patch

    def set_device(device: Any) -> None:
        sim.set_current_device(device)

    accel = getattr(torch, "accelerator", None)
    if accel is not None:
        p(accel, "is_available", lambda: True)
        p(accel, "device_count", lambda: sim.device_count)
        p(
            accel,
            "current_accelerator",
            lambda check_available=False: torch.device("cuda"),
        )
        p(accel, "current_device_index", lambda: sim.current_device)
        p(accel, "current_device_idx", lambda: sim.current_device)
        p(accel, "set_device_index", set_device)
        p(accel, "set_device_idx", set_device)
        p(accel, "synchronize", _nothing())
        p(accel, "current_stream", stream_for)
        if hasattr(accel, "device_index"):
            p(accel, "device_index", DeviceContext)


def _autocast(sim: Simulation) -> None:
    p = sim.patch

    # autocast("cuda") runs as CPU autocast (with CUDA's default, float16).
    autocast_cls = torch.amp.autocast_mode.autocast
    autocast_init = autocast_cls.__init__

    def init(
        self: Any,
        device_type: str,
        dtype: Any = None,
        enabled: bool = True,
        cache_enabled: Any = None,
    ) -> None:
        if device_type == "cuda":
            device_type = "cpu"
            if dtype is None:
                dtype = torch.float16
        autocast_init(self, device_type, dtype=dtype, enabled=enabled, cache_enabled=cache_enabled)

    p(autocast_cls, "__init__", init)
    is_enabled = torch.is_autocast_enabled
    get_dtype = torch.get_autocast_dtype

    def is_autocast_enabled(*args: Any) -> bool:
        if not args or args[0] == "cuda":
            return bool(is_enabled("cpu"))
        return bool(is_enabled(*args))

    def get_autocast_dtype(device_type: str) -> torch.dtype:
        if device_type == "cuda":
            return get_dtype("cpu") if is_enabled("cpu") else torch.float16
        return get_dtype(device_type)

    p(torch, "is_autocast_enabled", is_autocast_enabled)
    p(torch, "get_autocast_dtype", get_autocast_dtype)
    p(torch, "get_autocast_gpu_dtype", lambda: get_autocast_dtype("cuda"))


def _tags_follow(sim: Simulation) -> None:
    p = sim.patch

    # The tag follows nn.Parameter(t) and swap_tensors.
    param_cls = torch.nn.Parameter
    param_new = param_cls.__dict__["__new__"].__func__

    def new_param(cls: type, data: Any = None, requires_grad: bool = True) -> Any:
        out = param_new(cls, data, requires_grad)
        if isinstance(data, Tensor):
            tag = sim.tags.get(data)
            if tag is not None:
                sim.tags.set(out, tag)
            sim.copy_origin(out, sim.origins.get(data))
        return out

    p(param_cls, "__new__", staticmethod(new_param))
    swap: Any = torch.utils.swap_tensors

    def swap_tensors(t1: Tensor, t2: Tensor) -> None:
        a, b = sim.tags.get(t1), sim.tags.get(t2)
        oa, ob = sim.origins.get(t1), sim.origins.get(t2)
        swap(t1, t2)
        sim.tags.set(t1, b)
        sim.tags.set(t2, a)
        sim.copy_origin(t1, ob)
        sim.copy_origin(t2, oa)

    p(torch.utils, "swap_tensors", swap_tensors)


def _autograd(sim: Simulation) -> None:
    p = sim.patch

    # A custom autograd Function's outputs: autograd hands back an input returned
    # as is through a view it makes in C++; give its outputs their inputs' device.
    function_cls = torch.autograd.function.Function
    function_apply = function_cls.__dict__["apply"].__func__

    def apply(cls: Any, *args: Any, **kwargs: Any) -> Any:
        if "backward" in vars(cls) and not hasattr(cls.backward, "_torchlint"):
            p(cls, "backward", staticmethod(lenient_backward(sim, cls.backward)))
        out = function_apply(cls, *args, **kwargs)
        outs = out if isinstance(out, (tuple, list)) else (out,)
        devices = {sim.tags.get(a) for a in args if isinstance(a, Tensor)} - {None}
        if len(devices) == 1:
            (device,) = devices
            for o in outs:
                if isinstance(o, Tensor) and sim.tag_of(o) is None:
                    sim.tags.set(o, device)
        ctx: Any = next((o.grad_fn for o in outs if isinstance(o, Tensor) and o.grad_fn), None)
        if ctx is not None:
            with contextlib.suppress(AttributeError, TypeError):
                ctx._torchlint_devices = [
                    sim.tag_of(o) if isinstance(o, Tensor) else None for o in outs
                ]
        return out

    p(function_cls, "apply", classmethod(apply))

    # torch.func transforms hand back tensors they unwrap in C++: give their
    # outputs the device of their inputs (when the inputs agree on one).
    def transform(name: str, original: Any) -> Any:
        @functools.wraps(original)
        def wrapper(func: Any, *targs: Any, **tkwargs: Any) -> Any:
            transformed = original(func, *targs, **tkwargs)

            @functools.wraps(transformed)
            def run(*args: Any, **kwargs: Any) -> Any:
                sim.transforms += 1
                try:
                    out = transformed(*args, **kwargs)
                finally:
                    sim.transforms -= 1
                devices = {sim.tag_of(t) for t in all_tensors((args, kwargs))}
                if len(devices) == 1 and None not in devices:
                    (device,) = devices
                    for t in all_tensors(out):
                        if sim.tag_of(t) is None:
                            sim.tags.set(t, device)
                return out

            return run

        return wrapper

    func_mod = importlib.import_module("torch.func")
    for name in ("vmap", "grad", "grad_and_value", "jacrev", "jacfwd", "hessian"):
        original = getattr(func_mod, name, None)
        if original is not None:
            p(func_mod, name, transform(name, original))
    if hasattr(torch, "vmap"):
        p(torch, "vmap", transform("vmap", torch.vmap))


def _constructors(sim: Simulation) -> None:
    """The constructors that modes do not see: ``torch.Generator``, the untyped
    ``torch.Tensor(...)``, ``from_numpy``, the legacy tensor types."""
    cuda = torch.cuda
    p = sim.patch

    # torch.Generator("cuda"): a CPU generator (its random numbers differ from a
    # GPU's, as they would anyway).
    generator_cls = torch.Generator
    if isinstance(generator_cls, type):

        class Generator(generator_cls):  # type: ignore[misc, valid-type]
            def __new__(cls, device: Any = "cpu") -> Any:
                return super().__new__(cls, "cpu")

        p(torch, "Generator", Generator)

    # torch.Tensor(2, 3), the untyped legacy constructor (`type(x)(size)` of any
    # tensor, since type(x) is torch.Tensor): a CPU tensor, and its story. (A
    # signature of (*args, **kwargs): dynamo checks what stands in for __new__.)
    tensor_new = _T.__new__

    def legacy_tensor(*args: Any, **kwargs: Any) -> Any:
        out = tensor_new(*args, **kwargs)
        if args and args[0] is Tensor and (len(args) > 1 or kwargs):
            sim.set_origin(out, "made")
        return out

    p(Tensor, "__new__", staticmethod(legacy_tensor))

    # Factories that take no tensor and that modes do not see: their tensors' story.
    for name in ("from_numpy", "frombuffer"):
        factory = getattr(torch, name, None)
        if factory is not None:
            p(torch, name, _made_by(sim, factory))

    # Legacy CUDA tensor types: constructors, isinstance and .type(...). torch.cuda's
    # first: each stand-in makes its tensors with torch's own CPU class, which it
    # looks up when it is made, before torch's classes have stand-ins of their own.
    for name, dtype in LEGACY_TYPES.items():
        if hasattr(cuda, name):
            p(cuda, name, _legacy_type_class(sim, name, dtype, on_cuda=True))
    for name, dtype in LEGACY_TYPES.items():
        if hasattr(torch, name):
            p(torch, name, _legacy_type_class(sim, name, dtype, on_cuda=False))


def _eager(sim: Simulation) -> None:
    p = sim.patch

    # torch.compile would trace through the mode: run eagerly instead.
    def compile_eager(model: Any = None, **kwargs: Any) -> Any:
        if model is None:
            return lambda m: m
        return model

    p(torch, "compile", compile_eager)
    dynamo = sys.modules.get("torch._dynamo")
    if dynamo is not None:
        p(dynamo.config, "disable", True)
