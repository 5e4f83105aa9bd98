"""The Simulation: the state of one run under the check (its simulated devices, the
tags and stories of its tensors, the stack of modules running), the records it makes
of mismatches and errors, and which simulation is active. What patches torch and
what runs each op are the modules around it (``fake_cuda.py``, ``modes.py``,
``handlers.py``); ``__init__.py`` installs them."""

from __future__ import annotations

import collections
import contextlib
import re
import sys
import threading
import types
import weakref
from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor

from torchlint.runtime.records import (
    DEVICE_MISMATCH,
    DTYPE_MISMATCH,
    NO_GPU_RE,
    OP_ERROR,
    Frame,
    Origin,
    Record,
    RecordLog,
)
from torchlint.runtime.simulate.frames import (
    attribute_frame,
    built_at,
    called_at,
    class_source,
    frame_modules,
    held_by,
    origin_frame,
    passed_in,
    traceback_frames,
    user_frame_objects,
    user_frames,
)
from torchlint.runtime.simulate.tags import Origins, Steps, Tags, then

CPU = torch.device("cpu")

_functorch: Any = torch._C._functorch
is_wrapped: Callable[[Tensor], bool] = _functorch.is_functorch_wrapped_tensor
_unwrap: Callable[[Tensor], Tensor] = _functorch.get_unwrapped


class SimulatedCudaError(RuntimeError):
    """What simulated CUDA raises where real CUDA would (a RuntimeError, as CUDA's)."""


class SimulatedNumpyError(TypeError):
    """``.numpy()`` of a (simulated) CUDA tensor: a TypeError, as torch raises it."""


_DTYPE_NAMES = {
    torch.float32: "Float",
    torch.float64: "Double",
    torch.float16: "Half",
    torch.bfloat16: "BFloat16",
    torch.int64: "Long",
    torch.int32: "Int",
    torch.int16: "Short",
    torch.int8: "Char",
    torch.uint8: "Byte",
    torch.bool: "Bool",
    torch.complex64: "ComplexFloat",
    torch.complex128: "ComplexDouble",
}
LEGACY_TYPES = {f"{name}Tensor": dtype for dtype, name in _DTYPE_NAMES.items()}

_DEVICE_RE = re.compile(
    r"same device|different device|device type tensor to numpy|"
    r"module parameters \{device\(type=|parameters locate in|legacy constructor .*device type|"
    r"Expected a '\w+' device type|device type \w+ but got device type|"
    r"is on (?:CPU|GPU), but expected|"
    r"indices should be either on|Input type \(torch\.cuda\.\w+\) and \w+ type \(torch\.\w+\)|"
    r"Input type \(torch\.\w+\) and \w+ type \(torch\.cuda\.\w+\)|"
    r"located on a different device|on device cuda.*cpu|on device cpu.*cuda|"
    r"deserialize object on a CUDA device"
)
_DTYPE_RE = re.compile(
    r"dtype|scalar type|Input type \(.*\) and \w+ type \(.*\) should be the same|"
    r"can't be cast to the desired output type|to have the same type|"
    r"expected .* to be of type|assigned grad has data of a different type|"
    r"Expected floating point type"
)


def _op_name(func: Any) -> str:
    if isinstance(func, types.MethodWrapperType):  # a getter/setter: Tensor.data.__set__
        owner = getattr(func, "__self__", None)
        return f"Tensor.{getattr(owner, '__name__', '?')}.{func.__name__}"
    name = getattr(func, "__name__", None) or repr(func)
    qual = getattr(func, "__qualname__", name) or name
    head, _, tail = qual.partition(".")
    if head in ("TensorBase", "_TensorBase", "Tensor") and tail:
        return f"Tensor.{tail}"
    if head == "_VariableFunctionsClass":
        return f"torch.{tail}"
    module = getattr(func, "__module__", None) or ""
    if module == "torch._C._nn" or module.startswith("torch.nn.functional"):
        return f"torch.nn.functional.{name}"
    if module.startswith("torch._ops") or type(func).__name__.startswith("OpOverload"):
        return f"torch.ops.{getattr(func, '__name__', repr(func))}"
    if module in ("torch", "torch.functional", "torch._C._VariableFunctions", ""):
        return f"torch.{name}"
    return f"{module}.{qual}"


def legacy_type(t: Tensor, device: torch.device | None) -> str:
    name = _DTYPE_NAMES.get(t.dtype, str(t.dtype).replace("torch.", "").title())
    return f"torch.{'cuda.' if device is not None else ''}{name}Tensor"


def _dtype_str(dtype: torch.dtype) -> str:
    return str(dtype).replace("torch.", "")


def _tensors(args: Any, kwargs: dict[str, Any] | None = None) -> list[Tensor]:
    """Tensors among the arguments, one level into lists/tuples/dicts."""
    out: list[Tensor] = []
    values: list[Any] = list(args)
    if kwargs:
        values.extend(kwargs.values())
    for a in values:
        if isinstance(a, Tensor):
            out.append(a)
        elif isinstance(a, (list, tuple)):
            out.extend(b for b in a if isinstance(b, Tensor))
        elif isinstance(a, dict):
            out.extend(b for b in a.values() if isinstance(b, Tensor))
    return out


_active: Simulation | None = None


def active() -> Simulation | None:
    """The simulation installed now, if any (``acquire`` installs one)."""
    return _active


def set_active(sim: Simulation | None) -> None:
    """Set by ``acquire`` and ``release`` (``__init__.py``); kept here, below them,
    because the patched ``torch.cuda`` reads it too."""
    global _active
    _active = sim


def sim_index(device: Any) -> int:
    """The CUDA device index ``device`` names (an int, ``"cuda:1"``, a torch.device, a
    ``torch.cuda.device``), or the active simulation's current device."""
    sim = active()
    current = sim.current_device if sim is not None else 0
    if device is None:
        return current
    if isinstance(device, int):
        return device
    if isinstance(device, str):
        device = torch.device(device)
    if isinstance(device, torch.device):
        return device.index if device.index is not None else current
    index = getattr(device, "idx", None)
    return int(index) if isinstance(index, int) else current


def mark(exc: BaseException, record: Record) -> None:
    """The record that reports ``exc`` (``execute.py`` reads it to tell a mismatch from a
    crash)."""
    with contextlib.suppress(Exception):
        exc._torchlint_seen = True  # type: ignore[attr-defined]
        exc._torchlint_record = record  # type: ignore[attr-defined]


_CONV = {
    torch.conv1d,
    torch.conv2d,
    torch.conv3d,
    torch.conv_transpose1d,
    torch.conv_transpose2d,
    torch.conv_transpose3d,
}


class Simulation:
    """Installed while at least one ``check()`` block is open (in any order of
    nesting), or for a whole pytest session. Records go to every open log."""

    def __init__(self, simulate_cuda: bool, device_count: int = 1) -> None:
        if device_count < 1:
            raise ValueError("device_count must be at least 1")
        self.simulate_cuda = simulate_cuda
        self.device_count = device_count
        self.current_device = 0
        self.transforms = 0  # torch.func transforms running (their tensors are wrapped)
        # Custom autograd backwards running: they see tensors autograd unpacked in C++
        # (saved outputs) without their tags, so only GPU-GPU conflicts count there.
        self.lenient = 0
        # One object per device: the hot path compares them by identity first.
        self._devices = [torch.device("cuda", i) for i in range(device_count)]
        self.logs: list[RecordLog] = []
        self.tags = Tags()
        self.origins = Origins()
        self._tls = threading.local()
        self._pending: collections.OrderedDict[int, tuple[BaseException, Record]] = (
            collections.OrderedDict()
        )
        self._undo: list[Callable[[], None]] = []
        # Where each DataParallel / DDP wrapper was made: their checks fail later, in
        # the first forward, and the line to fix is the wrap.
        self.wrapped_at: weakref.WeakKeyDictionary[Any, tuple[Frame, Any]] = (
            weakref.WeakKeyDictionary()
        )

    # -- devices -------------------------------------------------------------------

    def cuda(self, index: int | None) -> torch.device:
        if index is None:
            index = self.current_device
        if not 0 <= index < self.device_count:
            raise SimulatedCudaError(
                f"CUDA error: invalid device ordinal (simulated: cuda:{index} requested, "
                f"{self.device_count} device{'s' * (self.device_count != 1)})"
            )
        return self._devices[index]

    def set_current_device(self, device: Any) -> None:
        self.current_device = self.cuda(sim_index(device)).index or 0

    def parse_device(self, device: Any) -> tuple[bool, torch.device | None]:
        """(is this CUDA, the virtual device). Other devices are left to torch."""
        if isinstance(device, int):
            return True, self.cuda(device)
        if isinstance(device, str):
            if not device.startswith("cuda"):
                return False, None
            device = torch.device(device)
        if isinstance(device, torch.device) and device.type == "cuda":
            return True, self.cuda(device.index)
        return False, None

    def tag_of(self, t: Tensor) -> torch.device | None:
        """The virtual device, also for a view torch made in C++ (autograd's alias of
        a custom Function's output) of a tagged tensor."""
        tag = self.tags.get(t)
        if tag is None:
            base = t._base
            if base is not None:
                tag = self.tags.get(base)
            elif is_wrapped(t):  # torch.func (vmap, grad): the tensor it wraps
                inner = t
                for _ in range(16):
                    if not is_wrapped(inner):
                        break
                    inner = _unwrap(inner)
                    tag = self.tags.get(inner)
                    if tag is not None:
                        break
            if tag is not None:
                self.tags.set(t, tag)
        return tag

    def device_of(self, t: Tensor) -> torch.device:
        tag = self.tag_of(t)
        return tag if tag is not None else t.device

    def set_origin(self, out: Any, how: str, after: Steps | None = None) -> None:
        """``out`` (a tensor, or a tuple or list of them) got its device or dtype here:
        ``how`` is "made", "moved" or "cast" (after the steps ``after``)."""
        frame = origin_frame(sys._getframe(1))
        if frame is None:
            return
        steps = then(after, how, frame)
        if how == "made" and frame.function == "__init__":
            built = built_at(sys._getframe(1))
            if built is not None:
                steps = (*steps, built)
        self.copy_origin(out, steps)

    def add_step(self, t: Tensor, what: str) -> None:
        """A step in the story of ``t`` itself (a no-op cast, a copy that went away)."""
        frame = origin_frame(sys._getframe(1))
        if frame is not None:
            self.origins.set(t, then(self.origins.get(t), what, frame))

    def copy_origin(self, out: Any, origin: Steps | None) -> None:
        if not origin:
            return
        if isinstance(out, Tensor):
            self.origins.set(out, origin)
        elif isinstance(out, (list, tuple)):
            for o in out:
                if isinstance(o, Tensor):
                    self.origins.set(o, origin)

    def tag_result(self, out: Any, device: torch.device | None, depth: int = 0) -> None:
        if isinstance(out, Tensor):
            self.tags.set(out, device)
        elif depth < 2 and isinstance(out, (list, tuple)):
            for o in out:
                self.tag_result(o, device, depth + 1)

    # -- patches -----------------------------------------------------------------------

    def defer(self, undo: Callable[[], None]) -> None:
        """Run ``undo`` when the simulation is uninstalled (the last deferred first)."""
        self._undo.append(undo)

    def uninstall(self) -> None:
        while self._undo:
            undo = self._undo.pop()
            undo()
        self.tags.clear()
        self.origins.clear()
        self._pending.clear()

    def patch(self, owner: Any, name: str, value: Any) -> None:
        """Set ``owner.name`` to ``value`` until the simulation is uninstalled."""
        missing = object()
        old = owner.__dict__.get(name, missing) if isinstance(owner, type) else missing
        if old is missing:
            old = getattr(owner, name, missing)

        def undo() -> None:
            if old is missing:
                with contextlib.suppress(AttributeError):
                    delattr(owner, name)
            else:
                setattr(owner, name, old)

        if isinstance(value, types.FunctionType):
            # A new function object for each name: torch._dynamo maps torch's functions
            # to rules by identity and rejects one object under two names.
            fresh = types.FunctionType(
                value.__code__, value.__globals__, name, value.__defaults__, value.__closure__
            )
            fresh.__kwdefaults__ = value.__kwdefaults__
            value = fresh
        setattr(owner, name, value)
        self._undo.append(undo)

    # -- module stack ------------------------------------------------------------------

    def _stack(self) -> list[tuple[Any, Any]]:
        try:
            return self._tls.stack  # type: ignore[no-any-return]
        except AttributeError:
            stack: list[tuple[Any, Any]] = []
            self._tls.stack = stack
            return stack

    def pre_hook(self, module: Any, args: Any) -> None:
        self._stack().append((module, args))

    def post_hook(self, module: Any, args: Any, output: Any) -> None:
        stack = self._stack()
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] is module:
                del stack[i:]
                return

    def _module_path(self, stack: list[tuple[Any, Any]], outer: list[Any]) -> str | None:
        """``Net.encoder.layers.0.fc``: the innermost running module, named from the
        outermost module that holds it. ``outer`` are modules whose methods are on the
        Python stack (``self``), outermost first: a method called directly
        (``model.vpm.forward_features(x)``) runs no hooks, but still names the path."""
        if not stack:
            return None
        target = stack[-1][0]
        root = stack[0][0]
        for candidate in outer:
            if candidate is target:
                break
            names = self._names(candidate)
            if id(target) in names:
                root = candidate
                break
        root_name = type(root).__name__
        names = self._names(root)
        tail: list[str] = []
        for depth in range(len(stack) - 1, -1, -1):
            module = stack[depth][0]
            name = names.get(id(module))
            if name is not None:
                head = root_name + (f".{name}" if name else "")
                return ".".join([head, *reversed(tail)])
            tail.append(self._unregistered_name(stack, depth))
        return ".".join([root_name, *reversed(tail)])

    @staticmethod
    def _names(root: Any) -> dict[int, str]:
        try:
            return {id(m): n for n, m in root.named_modules(remove_duplicate=False)}
        except Exception:  # noqa: BLE001 - user code: keep the class names
            return {id(root): ""}

    @staticmethod
    def _unregistered_name(stack: list[tuple[Any, Any]], depth: int) -> str:
        """A module its parent holds outside ``_modules`` (say, in a plain list)."""
        module = stack[depth][0]
        if depth > 0:
            parent = stack[depth - 1][0]
            for attr, value in vars(parent).items():
                if isinstance(value, (list, tuple)):
                    for i, item in enumerate(value):
                        if item is module:
                            return f"{attr}[{i}]"
                elif isinstance(value, dict):
                    for k, item in value.items():
                        if item is module:
                            return f"{attr}[{k!r}]"
        return f"<{type(module).__name__}>"

    # -- records ---------------------------------------------------------------------

    def _describe(self, tensors: list[Tensor]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        devices = tuple(sorted({str(self.device_of(t)) for t in tensors}))
        dtypes = tuple(sorted({_dtype_str(t.dtype) for t in tensors}))
        return devices, dtypes

    def make_record(
        self,
        kind: str,
        func: Any,
        args: Any,
        kwargs: dict[str, Any] | None,
        message: str,
        simulated: bool,
    ) -> Record:
        location, stack = user_frames(sys._getframe(1))
        tensors = _tensors(args, kwargs)
        devices, dtypes = self._describe(tensors)
        record = Record(
            kind=kind,
            op=_op_name(func),
            message=message,
            location=location,
            stack=stack,
            devices=devices,
            dtypes=dtypes,
            simulated=simulated,
            origins=self._origins_of(kind, tensors, sys._getframe(1)),
        )
        modules = self._stack()
        if modules:
            module, margs = modules[-1]
            record.module = self._module_path(modules, frame_modules(sys._getframe(1)))
            record.module_class = f"{type(module).__module__}.{type(module).__qualname__}"
            params = [p for p in module._parameters.values() if p is not None]
            inputs = _tensors(margs if isinstance(margs, tuple) else (margs,))
            record.param_devices = tuple(sorted({str(self.device_of(p)) for p in params}))
            record.param_dtypes = tuple(
                sorted({_dtype_str(p.dtype) for p in params if p.is_floating_point()})
            )
            record.input_devices = tuple(sorted({str(self.device_of(t)) for t in inputs}))
            record.input_dtypes = tuple(
                sorted({_dtype_str(t.dtype) for t in inputs if t.is_floating_point()})
            )
            sources = [class_source(type(m)) for m, _ in reversed(modules)]
            record.module_sources = tuple(s for s in sources if s is not None)
            note = self._container_note(modules) if kind == DEVICE_MISMATCH else None
            if note is not None:
                record.origins = (note, *record.origins)
        if kind in (DEVICE_MISMATCH, DTYPE_MISMATCH):
            called = called_at(sys._getframe(1))
            if called is not None:
                record.origins = (*record.origins, called)
        return record

    def _origins_of(
        self,
        kind: str,
        tensors: list[Tensor],
        start: types.FrameType | None,
        label: str = "",
    ) -> tuple[Origin, ...]:
        """Where the tensors of each side of a mismatch got their device (or dtype),
        the CPU side first; and the outermost of the user's frames (``start`` and its
        callers) that passed the tensor in, when that is not the op's own frame."""
        if kind not in (DEVICE_MISMATCH, DTYPE_MISMATCH):
            return ()
        sides: dict[str, list[Tensor]] = {}
        for t in tensors:
            device = self.device_of(t)
            if kind == DEVICE_MISMATCH:
                if t.dim() == 0 and device.type == "cpu" and not label:
                    continue  # a CPU scalar may join an op (not a module DataParallel checks)
                key = str(device)
            else:
                key = _dtype_str(t.dtype)
            sides.setdefault(key, []).append(t)
        if len(sides) < (1 if label else 2):
            return ()
        frames = user_frame_objects(start)
        out: list[Origin] = []
        for key in sorted(sides, key=lambda k: (k != "cpu", k)):
            side = label.format(key) if label else f"the {key} tensor"
            for t in sides[key]:
                steps = self.origins.get(t)
                if steps is None:
                    continue
                for i, (what, frame) in enumerate(steps):
                    if what.startswith("copied to "):
                        target = what[len("copied to ") :]
                        text = (
                            f"then a copy went to {target}"
                            if i
                            else f"a copy of {side} went to {target}"
                        )
                    else:
                        text = f"then {what}" if i else f"{side} was {what}"
                    out.append(Origin(side, text, frame, key))
                # The blamed side (the CPU one of a CPU-GPU mismatch): a tensor it was
                # computed from counts too (they share the story, the same tuple).
                kin = None
                if steps is not None and (key == "cpu" or kind == DTYPE_MISMATCH):
                    story = steps

                    def kin(v: Tensor, story: Steps = story) -> bool:
                        return self.origins.get(v) is story

                passed = passed_in(t, frames, kin)
                if passed is not None:
                    text = "passed in" if steps else f"{side} was passed in"
                    out.append(Origin(side, text, passed, key))
                held = held_by(t, frames) if key == "cpu" or kind == DTYPE_MISMATCH else None
                if held is not None:
                    out.append(Origin(side, held[0], held[1], key))
                break
        return tuple(out)

    def _container_note(self, modules: list[tuple[Any, Any]]) -> Origin | None:
        """A module that ran but that its parent holds in a plain list or dict (not
        registered, so ``.to()`` did not move it): where the parent sets it."""
        for depth in range(len(modules) - 1, 0, -1):
            module, parent = modules[depth][0], modules[depth - 1][0]
            if any(m is module for m in parent._modules.values()):
                continue
            for attr, value in vars(parent).items():
                if not isinstance(value, (list, tuple, dict)):
                    continue
                items = value.values() if isinstance(value, dict) else value
                if not any(i is module for i in items):
                    continue
                owner: type = type(parent)
                frame = attribute_frame(owner, attr)
                if frame is None:
                    return None
                kind = type(value).__name__
                name = f"{type(parent).__name__}.{attr}"
                return Origin(
                    name,
                    f"{name}, a plain {kind} (`.to()` does not move the modules in it), was set",
                    frame,
                )
        return None

    def emit(self, record: Record) -> None:
        for log in self.logs:
            log.add(record)

    def on_error(self, func: Any, args: Any, kwargs: dict[str, Any], exc: BaseException) -> None:
        """An op raised: classify and record it. Mismatches are recorded at once; other
        op errors only if they escape the checked block (``escaped``), so an error the
        code catches itself is not a finding."""
        if getattr(exc, "_torchlint_seen", False) or not isinstance(exc, Exception):
            return
        if not self.simulate_cuda and NO_GPU_RE.search(str(exc)):
            return  # no GPU here: not a finding (simulate_cuda=True would run it)
        message = str(exc)
        if _DEVICE_RE.search(message):
            kind = DEVICE_MISMATCH
        elif _DTYPE_RE.search(message):
            kind = DTYPE_MISMATCH
        else:
            kind = OP_ERROR
        record = self.make_record(kind, func, args, kwargs, message, simulated=False)
        mark(exc, record)
        if kind == OP_ERROR:
            if (
                record.param_dtypes
                and record.input_dtypes
                and set(record.input_dtypes) - set(record.param_dtypes)
                and not torch.is_autocast_enabled("cpu")
            ):
                record.kind = DTYPE_MISMATCH
                self.emit(record)
                return
            self._pending[id(exc)] = (exc, record)
            while len(self._pending) > 32:
                self._pending.popitem(last=False)
            return
        self.emit(record)

    def escaped(self, exc: BaseException | None) -> list[Record]:
        """The exception left the checked block: its op error (if one) is a finding;
        so is a device/dtype error raised by Python code rather than an op (say
        DataParallel's "module must have its parameters and buffers on device")."""
        found = []
        seen: set[int] = set()
        first = exc
        while exc is not None and id(exc) not in seen:
            seen.add(id(exc))
            if getattr(exc, "_torchlint_seen", False):
                entry = self._pending.pop(id(exc), None)
                if entry is not None and entry[0] is exc:
                    self.emit(entry[1])
                    found.append(entry[1])
                return found
            exc = exc.__cause__ or exc.__context__
        if isinstance(first, Exception):
            message = str(first)
            kind = (
                DEVICE_MISMATCH
                if _DEVICE_RE.search(message)
                else DTYPE_MISMATCH
                if _DTYPE_RE.search(message)
                else None
            )
            if kind is not None and not (not self.simulate_cuda and NO_GPU_RE.search(message)):
                record = self._record_from_traceback(kind, first)
                mark(first, record)
                self.emit(record)
                found.append(record)
        return found

    def _record_from_traceback(self, kind: str, exc: BaseException) -> Record:
        """A device or dtype error raised by Python code (DataParallel's or DDP's
        checks): attributed from the traceback, and the story of the parameters and
        buffers of the innermost module in it."""
        location, stack = traceback_frames(exc.__traceback__)
        tb = exc.__traceback__
        last = None
        modules: list[Any] = []
        while tb is not None:
            last = tb.tb_frame
            obj = last.f_locals.get("self") if "self" in last.f_code.co_varnames else None
            if isinstance(obj, torch.nn.Module) and all(obj is not m for m in modules):
                modules.append(obj)
            tb = tb.tb_next
        op = getattr(last.f_code, "co_qualname", last.f_code.co_name) if last else "?"
        record = Record(kind=kind, op=op, message=str(exc), location=location, stack=stack)
        if modules:
            module = modules[-1]
            record.module = type(module).__name__
            record.module_class = f"{type(module).__module__}.{type(module).__qualname__}"
            sources = [class_source(type(m)) for m in reversed(modules)]
            record.module_sources = tuple(x for x in sources if x is not None)
            wrapper = next((m for m in modules if m in self.wrapped_at), None)
            inner = self.wrapped_at[wrapper][1] if wrapper is not None else module
            with contextlib.suppress(Exception):  # user code: a broken module says nothing
                tensors = [*inner.parameters(), *inner.buffers()]
                record.origins = self._origins_of(
                    kind, tensors, None, label="one of its {} parameters or buffers"
                )
            if wrapper is not None:
                wrap = Origin(
                    "", f"{type(wrapper).__name__} wrapped the module", self.wrapped_at[wrapper][0]
                )
                record.origins = (wrap, *record.origins)
        return record

    def raise_device_mismatch(
        self, func: Any, args: Any, kwargs: dict[str, Any], a: Any, b: Any
    ) -> SimulatedCudaError:
        if func in _CONV and len(args) >= 2 and isinstance(args[1], Tensor):
            x, w = args[0], args[1]
            message = (
                f"Input type ({legacy_type(x, self.tags.get(x))}) and weight type "
                f"({legacy_type(w, self.tags.get(w))}) should be the same (simulated)"
            )
        else:
            message = (
                "Expected all tensors to be on the same device, but found at least two "
                f"devices, {a} and {b}! (simulated)"
            )
        exc = SimulatedCudaError(message)
        record = self.make_record(DEVICE_MISMATCH, func, args, kwargs, message, True)
        mark(exc, record)
        self.emit(record)
        return exc
