"""The op handlers table: what the simulating mode does for the ops that need more than
the generic op (``generic.py``): moves and casts (``.to``, ``.cuda``, ``.cpu``,
``.type``), the device getters, conversions to numpy, indexing, ``new_*`` and
``torch.tensor``, the ops CUDA lets take CPU tensors; and the functions that need no
device logic at all (passed through)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor

from torchlint.runtime.records import DEVICE_MISMATCH
from torchlint.runtime.simulate.generic import default_device, generic
from torchlint.runtime.simulate.simulation import (
    CPU,
    LEGACY_TYPES,
    SimulatedCudaError,
    SimulatedNumpyError,
    Simulation,
    legacy_type,
    mark,
    sim_index,
)

_Uninitialized: Any = torch.nn.parameter.UninitializedTensorMixin  # type: ignore[attr-defined]
_T: Any = torch.Tensor  # its getset descriptors (Tensor.device.__get__), untyped

Handler = Callable[[Simulation, Any, Any, dict[str, Any]], Any]
HANDLERS: dict[Any, Handler] = {}


def passthrough(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    return func(*args, **kwargs)


class _Pass:
    """Functions that need no device logic (they do not compute with tensors)."""

    @staticmethod
    def add(func: Any) -> None:
        HANDLERS[func] = passthrough


_PASS = _Pass()


def _handles(*funcs: Any) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for f in funcs:
            HANDLERS[f] = handler
        return handler

    return register


def _moved(
    sim: Simulation,
    src: Tensor,
    out: Tensor,
    target: torch.device | None,
    placed: bool = False,
    cast: bool = False,
) -> Tensor:
    """``out`` is ``src`` converted; a move to another (virtual) device is a copy.
    ``placed``: the call named the device (``.to("cpu")``, ``.cpu()``), so a CPU
    tensor it leaves there was kept on the CPU on purpose; ``cast``: it named the
    dtype (a no-op cast still says where the code chose it)."""
    tag = sim.tags.get(src)
    moved = tag != target
    if moved and out is src:
        if isinstance(src, _Uninitialized):
            # A lazy module's parameter or buffer: it refuses every op but a few, clone
            # among them. The copy keeps its class, as torch's .to() of one does (a
            # buffer is replaced by it, and must still materialize).
            with torch._C.DisableTorchFunctionSubclass():
                copy = Tensor.clone(src)
            out = Tensor._make_subclass(type(src), copy, src.requires_grad)
        else:
            out = src.clone()
    if moved:
        sim.set_origin(out, "moved", after=sim.origins.get(src))
        if tag is None and target is not None:
            sim.add_step(src, f"copied to {target}")  # src itself stays on the CPU
    else:
        # A conversion that kept it on its device.
        how = "kept on the CPU" if placed and target is None else "cast"
        if out is not src:
            sim.set_origin(out, how, after=sim.origins.get(src))
        elif tag is None or cast:
            sim.add_step(src, how)
    sim.tags.set(out, target)
    return out


@_handles(Tensor.to)
def _to(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    self, rest = args[0], args[1:]
    if rest and isinstance(rest[0], Tensor):
        other = rest[0]
        target = sim.tags.get(other)
        out = func(self, other.dtype, *rest[1:], **kwargs)
        return _moved(sim, self, out, target, placed=True, cast=True)
    copy = kwargs.get("copy", False)
    parse_kwargs = {k: v for k, v in kwargs.items() if k != "copy"}
    if len(rest) >= 4 and isinstance(rest[-1], bool) and not isinstance(rest[0], torch.dtype):
        copy, rest = rest[-1], rest[:-1]  # to(device, dtype, non_blocking, copy)
    elif len(rest) == 3 and isinstance(rest[0], torch.dtype):
        copy, rest = rest[-1], rest[:-1]  # to(dtype, non_blocking, copy)
    device, dtype, non_blocking, memory_format = _parse_to_cuda(*rest, **parse_kwargs)
    if device is None:
        target = sim.tags.get(self)
    elif device.type == "cuda":
        target = sim.cuda(device.index)
    elif device.type == "cpu":
        target = None
    else:  # meta and friends: torch's business
        return func(*args, **kwargs)
    extra: dict[str, Any] = {}
    if memory_format is not None:
        extra["memory_format"] = memory_format
    if copy:
        extra["copy"] = True
    out = func(self, CPU, dtype if dtype is not None else self.dtype, non_blocking, **extra)
    return _moved(sim, self, out, target, placed=device is not None, cast=dtype is not None)


def _parse_to_cuda(*args: Any, **kwargs: Any) -> Any:
    """``torch._C._nn._parse_to`` with a bare device index (``.to(rank)``) read as a
    CUDA device: torch reads it as the current accelerator's, which a CPU build lacks."""
    if args and isinstance(args[0], int) and not isinstance(args[0], bool):
        args = (torch.device("cuda", args[0]), *args[1:])
    device = kwargs.get("device")
    if isinstance(device, int) and not isinstance(device, bool):
        kwargs = dict(kwargs, device=torch.device("cuda", device))
    return torch._C._nn._parse_to(*args, **kwargs)


@_handles(torch._C._nn._parse_to)
def _parse_to(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    return _parse_to_cuda(*args, **kwargs)  # Module.to() parses its device with it


@_handles(Tensor.cuda)
def _cuda(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    self = args[0]
    device = args[1] if len(args) > 1 else kwargs.get("device")
    target = sim.cuda(None if device is None else sim_index(device))
    memory_format = kwargs.get("memory_format")
    out = self if memory_format is None else self.contiguous(memory_format=memory_format)
    return _moved(sim, self, out, target)


@_handles(Tensor.cpu)
def _cpu(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    self = args[0]
    out = func(*args, **kwargs)
    return _moved(sim, self, out, None, placed=True)


@_handles(Tensor.type)
def _type(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    self = args[0]
    target_type = args[1] if len(args) > 1 else kwargs.get("dtype")
    tag = sim.tags.get(self)
    if target_type is None:
        return legacy_type(self, tag)
    if isinstance(target_type, torch.dtype):
        return _moved(sim, self, self.to(target_type), tag, cast=True)
    name = (
        target_type
        if isinstance(target_type, str)
        else (f"{getattr(target_type, '__module__', '')}.{getattr(target_type, '__name__', '')}")
    )
    base = name.rsplit(".", 1)[-1]
    dtype = LEGACY_TYPES.get(base)
    if dtype is None:
        return func(*args, **kwargs)
    if ".cuda." in name:
        target = tag if tag is not None else sim.cuda(None)
    else:
        target = None
    return _moved(sim, self, self.to(dtype), target, placed=True, cast=True)


@_handles(Tensor.type_as)
def _type_as(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    self, other = args[0], args[1]
    # self.type(other.type()): the type ("torch.cuda.FloatTensor") has no GPU index,
    # so a tensor already on a GPU stays there and one on the CPU goes to the current
    # GPU, whichever GPU ``other`` is on.
    theirs, mine = sim.tags.get(other), sim.tags.get(self)
    target = None if theirs is None else mine if mine is not None else sim.cuda(None)
    return _moved(sim, self, self.to(other.dtype), target, placed=True, cast=True)


@_handles(_T.device.__get__)
def _device(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    tag = sim.tag_of(args[0])
    return tag if tag is not None else func(*args)


@_handles(_T.is_cuda.__get__)
def _is_cuda(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    return sim.tag_of(args[0]) is not None or func(*args)


@_handles(_T.is_cpu.__get__)
def _is_cpu(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    return sim.tag_of(args[0]) is None and func(*args)


@_handles(Tensor.get_device)
def _get_device(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    tag = sim.tag_of(args[0])
    return tag.index if tag is not None else func(*args, **kwargs)


@_handles(Tensor.numpy, Tensor.__array__)
def _numpy(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    tag = sim.tags.get(args[0])
    if tag is not None and not (func is Tensor.numpy and kwargs.get("force")):
        message = (
            f"can't convert {tag} device type tensor to numpy. Use Tensor.cpu() to copy the "
            "tensor to host memory first. (simulated)"
        )
        exc = SimulatedNumpyError(message)
        record = sim.make_record(DEVICE_MISMATCH, func, args, kwargs, message, True)
        mark(exc, record)
        sim.emit(record)
        raise exc
    return func(*args, **kwargs)


@_handles(Tensor.pin_memory)
def _pin_memory(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    tag = sim.tags.get(args[0])
    if tag is not None:
        raise SimulatedCudaError(
            f"cannot pin '{legacy_type(args[0], tag)}' only dense CPU tensors can be pinned "
            "(simulated)"
        )
    return args[0]


@_handles(Tensor.record_stream)
def _record_stream(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    return None


@_handles(_T.data.__set__, Tensor.set_)
def _set_data(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    out = func(*args, **kwargs)
    source = args[1] if len(args) > 1 else kwargs.get("source")
    if isinstance(source, Tensor):
        sim.tags.set(args[0], sim.tags.get(source))
        sim.copy_origin(args[0], sim.origins.get(source))
    return out


@_handles(_T.grad.__get__)
def _grad_get(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    grad = func(*args)
    if grad is not None:
        tag = sim.tags.get(args[0])
        if tag is not None and sim.tags.get(grad) is None:
            sim.tags.set(grad, tag)
        if sim.origins.get(grad) is None:
            sim.copy_origin(grad, sim.origins.get(args[0]))  # it is where its tensor is
    return grad


@_handles(_T.grad.__set__)
def _grad_set(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    self, grad = args[0], args[1]
    if isinstance(grad, Tensor) and sim.tags.get(grad) != sim.tags.get(self):
        raise SimulatedCudaError(
            "assigned grad has data located on a different device (simulated: "
            f"{sim.device_of(grad)} vs {sim.device_of(self)})"
        )
    return func(*args)


@_handles(Tensor.__repr__)
def _repr(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    text = func(*args, **kwargs)
    tag = sim.tags.get(args[0])
    if tag is None or not isinstance(text, str) or not text.endswith(")"):
        return text
    cut = len(text) - 1
    for marker in (", dtype=", ", requires_grad=", ", grad_fn=", ", size="):
        at = text.find(marker)
        if at != -1:
            cut = min(cut, at)
    return f"{text[:cut]}, device='{tag}'{text[cut:]}"


@_handles(Tensor.__getitem__, Tensor.__setitem__, Tensor.index_put_, Tensor.index_put)
def _index(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    """Indexing a CUDA tensor with CPU indices is fine on CUDA (and a value set into
    it is copied); CUDA indices into a CPU tensor are not."""
    self, key = args[0], args[1] if len(args) > 1 else kwargs.get("indices")
    tag = sim.tags.get(self)
    keys = key if isinstance(key, (tuple, list)) else (key,)
    for k in keys:
        if isinstance(k, Tensor):
            ktag = sim.tags.get(k)
            if ktag is not None and ktag != tag and not (sim.lenient and tag is None):
                raise sim.raise_device_mismatch(func, args, kwargs, ktag, sim.device_of(self))
    out = func(*args, **kwargs)
    if isinstance(out, Tensor) and out is not self:
        if tag is not None:
            sim.tags.set(out, tag)
        sim.copy_origin(out, sim.origins.get(self))
    return out


@_handles(Tensor.copy_)
def _copy(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    return func(*args, **kwargs)  # copies across devices; self keeps its device


@_handles(
    Tensor.new_tensor,
    Tensor.new_zeros,
    Tensor.new_ones,
    Tensor.new_empty,
    Tensor.new_full,
    Tensor.new_empty_strided,
)
def _new(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    target = sim.tags.get(args[0])
    if "device" in kwargs:
        is_cuda, device = sim.parse_device(kwargs["device"])
        if is_cuda:
            kwargs = dict(kwargs, device=CPU)
            target = device
        elif kwargs["device"] is not None:
            target = None
    out = func(*args, **kwargs)
    sim.tags.set(out, target)
    sim.set_origin(out, "made")
    return out


@_handles(torch.tensor, torch.as_tensor)
def _tensor(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    kwargs = default_device(func, kwargs)
    data = args[0] if args else kwargs.get("data")
    target = sim.tags.get(data) if isinstance(data, Tensor) else None
    if kwargs.get("device") is not None:
        is_cuda, device = sim.parse_device(kwargs["device"])
        if is_cuda:
            kwargs = dict(kwargs, device=CPU)
        target = device
    out = func(*args, **kwargs)
    if isinstance(data, Tensor) and out is data and target != sim.tags.get(data):
        out = data.clone()
    sim.tags.set(out, target)
    if out is not data:
        sim.set_origin(out, "made")
    return out


@_handles(torch.lstm, torch.gru, torch.rnn_tanh, torch.rnn_relu)
def _rnn(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    # A packed sequence's batch_sizes is a CPU tensor on CUDA too.
    if len(args) > 1 and isinstance(args[1], Tensor) and args[1].dtype == torch.int64:
        return generic(sim, func, args, kwargs, ignore=(args[1],))
    return generic(sim, func, args, kwargs)


@_handles(torch.nn.functional.ctc_loss, torch.ctc_loss)
def _ctc(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    # CUDA's CTC loss takes targets and lengths on the CPU (cuDNN even needs them there).
    names = ("targets", "input_lengths", "target_lengths")
    cpu = tuple(args[1:4]) + tuple(kwargs[n] for n in names if n in kwargs)
    return generic(sim, func, args, kwargs, ignore=tuple(t for t in cpu if isinstance(t, Tensor)))


@_handles(torch._pack_padded_sequence, torch._pad_packed_sequence)
def _packed(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    # (data, batch_sizes/lengths): the second is always a CPU tensor.
    out = func(*args, **kwargs)
    tag = sim.tags.get(args[0])
    if tag is not None:
        sim.tags.set(out[0], tag)
    sim.copy_origin(out[0], sim.origins.get(args[0]))
    return out


@_handles(torch.autograd.grad)
def _autograd_grad(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    out = func(*args, **kwargs)
    inputs = args[1] if len(args) > 1 else kwargs.get("inputs")
    if isinstance(inputs, Tensor):
        inputs = (inputs,)
    if isinstance(inputs, (list, tuple)):
        for t, g in zip(inputs, out, strict=False):
            if isinstance(g, Tensor) and isinstance(t, Tensor):
                tag = sim.tags.get(t)
                if tag is not None:
                    sim.tags.set(g, tag)
    return out


for _getter in (
    "shape",
    "dtype",
    "ndim",
    "requires_grad",
    "is_leaf",
    "grad_fn",
    "layout",
    "names",
    "is_sparse",
    "is_quantized",
    "is_meta",
    "is_mps",
    "is_nested",
    "_base",
    "_version",
    "itemsize",
    "nbytes",
):
    _descriptor: Any = getattr(Tensor, _getter, None)
    if type(_descriptor).__name__ == "getset_descriptor":
        _PASS.add(_descriptor.__get__)
for _method in (
    "size",
    "dim",
    "numel",
    "stride",
    "is_floating_point",
    "is_complex",
    "is_contiguous",
    "element_size",
    "data_ptr",
    "storage_offset",
    "__len__",
    "__hash__",
    "requires_grad_",
    "retain_grad",
    "register_hook",
    "__format__",
    "tolist",
    "item",
    "__bool__",
    "__int__",
    "__float__",
    "__index__",
    "__reduce_ex__",
    "__setstate__",
):
    _f = getattr(Tensor, _method, None)
    if _f is not None:
        _PASS.add(_f)
# Functions that look at tensors on any devices without computing with them.
for _f in (
    torch._has_compatible_shallow_copy_type,
    getattr(Tensor, "is_set_to", None),
    getattr(torch, "is_same_size", None),
):
    if _f is not None:
        _PASS.add(_f)
