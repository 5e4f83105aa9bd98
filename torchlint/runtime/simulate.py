"""Run PyTorch code under instrumentation and record device/dtype mismatches.

With ``simulate_cuda``, CUDA is simulated on the CPU (the design and its measurements
are in docs/runtime.md): every tensor stays a real CPU tensor, and the ones that would
live on a GPU carry a virtual device tag. One ``TorchFunctionMode`` answers the
device getters from the tag, turns ``.cuda()``, ``.to("cuda")`` and ``device="cuda"``
into CPU work plus a tag, and checks before each op that its tensors share one device
(as CUDA does: 0-dim CPU tensors and CPU index tensors are allowed), raising CUDA's own
error text with a "(simulated)" suffix. Global module hooks keep a stack of the modules
running, so a record names the module (``Net.fc2``), its parameters' and inputs'
devices and dtypes, and the user's source line.

This module imports torch; nothing in static linting imports it.
"""

from __future__ import annotations

import ast
import collections
import contextlib
import functools
import importlib
import inspect
import os
import re
import sys
import sysconfig
import textwrap
import threading
import time
import types
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import torch
from torch.overrides import TorchFunctionMode

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

Tensor = torch.Tensor
_Uninitialized: Any = torch.nn.parameter.UninitializedTensorMixin  # type: ignore[attr-defined]
_T: Any = torch.Tensor  # its getset descriptors (Tensor.device.__get__), untyped
CPU = torch.device("cpu")

_TORCH_DIR = os.path.dirname(os.path.abspath(torch.__file__)) + os.sep
_TORCHLINT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_SKIP = (_TORCH_DIR, _TORCHLINT_DIR, "<frozen ")
_LIBRARY = tuple(
    {
        os.path.abspath(p) + os.sep
        for key in ("stdlib", "platstdlib", "purelib", "platlib")
        if (p := sysconfig.get_paths().get(key))
    }
)
_MAX_FRAMES = 64


_functorch: Any = torch._C._functorch
_is_wrapped: Callable[[Tensor], bool] = _functorch.is_functorch_wrapped_tensor
_unwrap: Callable[[Tensor], Tensor] = _functorch.get_unwrapped


class SimulatedCudaError(RuntimeError):
    """What simulated CUDA raises where real CUDA would (a RuntimeError, as CUDA's)."""


class SimulatedNumpyError(TypeError):
    """``.numpy()`` of a (simulated) CUDA tensor: a TypeError, as torch raises it."""


# ----------------------------------------------------------------------------------
# Virtual device tags: id(tensor) -> (weakref, device). Untagged tensors are where
# torch says they are (the CPU, in a simulation).


class _Tags:
    __slots__ = ("_d",)

    def __init__(self) -> None:
        self._d: dict[int, tuple[weakref.ref[Tensor], torch.device]] = {}

    def get(self, t: Tensor) -> torch.device | None:
        entry = self._d.get(id(t))
        if entry is not None and entry[0]() is t:
            return entry[1]
        return None

    def set(self, t: Tensor, device: torch.device | None) -> None:
        key = id(t)
        if device is None:
            self._d.pop(key, None)
            return
        entry = self._d.get(key)
        if entry is not None and entry[0]() is t:
            if entry[1] != device:
                self._d[key] = (entry[0], device)
            return
        d = self._d

        def drop(ref: weakref.ref[Tensor], key: int = key) -> None:
            current = d.get(key)
            if current is not None and current[0] is ref:
                del d[key]

        d[key] = (weakref.ref(t, drop), device)

    def clear(self) -> None:
        self._d.clear()

    def __len__(self) -> int:
        return len(self._d)


# The story of a tensor's device and dtype: (what, where) steps in the order they
# happened, at most one of each kind: "made" (a factory, a copy; it starts a story),
# "moved" (to another device), "cast" (to another dtype, on its device), "kept on the
# CPU" (a conversion that named the CPU), "copied to cuda:0" (a copy of it, or of the
# tensor it was computed from, was moved: not it). A tensor computed from others
# inherits the story of the first of them that has one.
_Steps = tuple[tuple[str, Frame], ...]

# What each kind of step replaces of the story before it.
_REPLACES = {
    "moved": {"moved", "kept", "copied"},
    "kept": {"moved", "kept"},
    "cast": {"cast"},
    "copied": {"copied"},
}


def _built_at(start: types.FrameType | None) -> tuple[str, Frame] | None:
    """A tensor made in a module's ``__init__`` (a parameter, a buffer, an attribute):
    the step "in Net built", where the user's code outside the constructors built it."""
    outermost: Any = None
    f = start
    while f is not None:
        code = f.f_code
        if code.co_filename.startswith(_SKIP):
            f = f.f_back
            continue
        obj = f.f_locals.get("self") if code.co_name == "__init__" else None
        if isinstance(obj, torch.nn.Module):
            outermost = obj
        elif outermost is not None:
            if os.path.abspath(code.co_filename).startswith(_LIBRARY):
                return None
            built = Frame(code.co_filename, f.f_lineno or 0, 0, code.co_name)
            return f"in {type(outermost).__name__} built", built
        f = f.f_back
    return None


def _kind_of_step(what: str) -> str:
    """made, moved, cast, kept (on the CPU), copied (to a device)."""
    return what.split(" ", 1)[0]


def _then(steps: _Steps | None, what: str, frame: Frame) -> _Steps:
    """``steps`` with ``(what, frame)`` after them: "made" starts over, and a step
    replaces the earlier ones it makes stale."""
    kind = _kind_of_step(what)
    if kind == "made" or not steps:
        return ((what, frame),)
    last = steps[-1][1]
    if kind != "copied" and (last.path, last.line) == (frame.path, frame.line):
        # The same line: one step (`torch.ones(2).half()` was made there; a module
        # built and moved there, `nn.Linear(4, 2).cuda()`, was moved there).
        return (*steps[:-1], (what, frame)) if kind == "moved" else steps
    stale = _REPLACES.get(kind, {kind})
    kept = tuple(s for s in steps if _kind_of_step(s[0]) not in stale)
    return (*kept, (what, frame))


class _Origins:
    """id(tensor) -> (weakref, steps): where a tensor got its device or dtype.
    No weakref callbacks (this table is written on most ops): reads check the weakref,
    and dead entries are swept once the table has doubled since the last sweep."""

    __slots__ = ("_d", "_limit")

    def __init__(self) -> None:
        self._d: dict[int, tuple[weakref.ref[Tensor], _Steps]] = {}
        self._limit = 4096

    def get(self, t: Tensor) -> _Steps | None:
        entry = self._d.get(id(t))
        if entry is not None and entry[0]() is t:
            return entry[1]
        return None

    def set(self, t: Tensor, origin: _Steps | None) -> None:
        if not origin:
            return
        d = self._d
        d[id(t)] = (weakref.ref(t), origin)
        if len(d) > self._limit:
            for key in [k for k, (ref, _) in d.items() if ref() is None]:
                del d[key]
            self._limit = max(4096, 2 * len(d))

    def clear(self) -> None:
        self._d.clear()


# Per code object: 0 torch or torchlint, 1 the standard library or an installed
# package, 2 the user's code.
_code_kinds: dict[types.CodeType, int] = {}


def _origin_frame(start: types.FrameType | None) -> Frame | None:
    """The innermost frame of the user's code (else of a library outside torch), as
    ``user_frames`` chooses a location, without walking the rest of the stack."""
    f = start
    fallback: Frame | None = None
    while f is not None:
        code = f.f_code
        kind = _code_kinds.get(code)
        if kind is None:
            name = code.co_filename
            kind = (
                0
                if name.startswith(_SKIP)
                else 1
                if os.path.abspath(name).startswith(_LIBRARY)
                else 2
            )
            _code_kinds[code] = kind
        if kind == 2:
            return Frame(code.co_filename, f.f_lineno or 0, 0, code.co_name)
        if kind == 1 and fallback is None:
            fallback = Frame(code.co_filename, f.f_lineno or 0, 0, code.co_name)
        f = f.f_back
    return fallback


# ----------------------------------------------------------------------------------
# Names and classification.

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
_LEGACY_TYPES = {f"{name}Tensor": dtype for dtype, name in _DTYPE_NAMES.items()}

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


def _legacy_type(t: Tensor, device: torch.device | None) -> str:
    name = _DTYPE_NAMES.get(t.dtype, str(t.dtype).replace("torch.", "").title())
    return f"torch.{'cuda.' if device is not None else ''}{name}Tensor"


def _dtype_str(dtype: torch.dtype) -> str:
    return str(dtype).replace("torch.", "")


def _column(frame: types.FrameType, lasti: int | None = None, line: int | None = None) -> int:
    """The column of the instruction a frame (or a traceback entry: its ``tb_lasti``
    and ``tb_lineno``) is at."""
    positions = getattr(frame.f_code, "co_positions", None)
    if positions is None:  # Python 3.10
        return 0
    index = (frame.f_lasti if lasti is None else lasti) // 2
    line = frame.f_lineno if line is None else line
    for i, pos in enumerate(positions()):
        if i == index:
            return pos[2] or 0 if pos[0] == line else 0
    return 0


def user_frames(start: types.FrameType | None) -> tuple[Frame | None, tuple[Frame, ...]]:
    """(location, stack): every frame outside torch and torchlint, innermost first;
    the location is the innermost one that is not the standard library or an
    installed package, else the innermost one."""
    frames: list[Frame] = []
    preferred: Frame | None = None
    f = start
    while f is not None and len(frames) < _MAX_FRAMES:
        filename = f.f_code.co_filename
        if not filename.startswith(_SKIP):
            frame = Frame(filename, f.f_lineno or 0, _column(f), f.f_code.co_name)
            frames.append(frame)
            if preferred is None and not os.path.abspath(filename).startswith(_LIBRARY):
                preferred = frame
        f = f.f_back
    return (preferred or (frames[0] if frames else None)), tuple(frames)


def traceback_frames(tb: types.TracebackType | None) -> tuple[Frame | None, tuple[Frame, ...]]:
    """As ``user_frames``, for the frames of a traceback (a crash)."""
    frames: list[Frame] = []
    while tb is not None:
        f = tb.tb_frame
        filename = f.f_code.co_filename
        if not filename.startswith(_SKIP):
            column = _column(f, tb.tb_lasti, tb.tb_lineno)
            frames.append(Frame(filename, tb.tb_lineno, column, f.f_code.co_name))
        tb = tb.tb_next
    frames.reverse()
    preferred = next(
        (fr for fr in frames if not os.path.abspath(fr.path).startswith(_LIBRARY)), None
    )
    return (preferred or (frames[0] if frames else None)), tuple(frames)


def _frame_modules(start: types.FrameType | None) -> list[Any]:
    """The modules whose methods are running (``self`` of frames outside torch),
    outermost first."""
    found: list[Any] = []
    f = start
    while f is not None:
        if not f.f_code.co_filename.startswith(_SKIP) and "self" in f.f_code.co_varnames:
            obj = f.f_locals.get("self")
            if isinstance(obj, torch.nn.Module) and all(obj is not m for m in found):
                found.append(obj)
        f = f.f_back
    found.reverse()
    return found


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


_class_sources: dict[type, tuple[str, int, int] | None] = {}


def _class_source(cls: type) -> tuple[str, int, int] | None:
    if cls in _class_sources:
        return _class_sources[cls]
    found: tuple[str, int, int] | None = None
    try:
        path = inspect.getsourcefile(cls)
        if path and not os.path.abspath(path).startswith(_SKIP):
            lines, start = inspect.getsourcelines(cls)
            found = (path, start, start + len(lines) - 1)
    except (OSError, TypeError):
        found = None
    _class_sources[cls] = found
    return found


def _user_frame_objects(start: types.FrameType | None) -> list[types.FrameType]:
    """The frames of the user's code from ``start`` out, innermost first."""
    out: list[types.FrameType] = []
    f = start
    while f is not None and len(out) < _MAX_FRAMES:
        if not f.f_code.co_filename.startswith(_SKIP):
            out.append(f)
        f = f.f_back
    return out


_INNER_SCOPES = frozenset({"<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>", "<lambda>"})


def _called_at(start: types.FrameType | None) -> Origin | None:
    """When the op ran in a method of a module of the user's: where the user's code
    outside the module called it (the line of a training loop, a pipeline's call)."""
    outermost: types.FrameType | None = None
    for f in _user_frame_objects(start):
        if os.path.abspath(f.f_code.co_filename).startswith(_LIBRARY):
            continue
        if f.f_code.co_name in _INNER_SCOPES:
            continue  # a comprehension inside the method: its frame has no `self`
        obj = f.f_locals.get("self") if "self" in f.f_code.co_varnames else None
        if isinstance(obj, torch.nn.Module):
            outermost = f
            continue
        if outermost is None:
            return None  # the op ran in a plain function
        cls = type(outermost.f_locals["self"]).__name__
        name = outermost.f_code.co_name
        what = cls if name == "forward" else f"{cls}.{name}"
        return Origin(
            "",
            f"{what} was called",
            Frame(f.f_code.co_filename, f.f_lineno or 0, 0, f.f_code.co_name),
        )
    return None


def _views(value: Any, root: Tensor) -> bool:
    """``value`` is ``root`` or a view of it."""
    return isinstance(value, Tensor) and (value is root or value._base is root)


def _holds(value: Any, t: Tensor) -> bool:
    if value is t:
        return True
    if isinstance(value, (list, tuple)):
        return any(v is t for v in value)
    if isinstance(value, dict):
        return any(v is t for v in value.values())
    return False


def _passed_in(
    t: Tensor,
    frames: list[types.FrameType],
    kin: Callable[[Tensor], bool] | None = None,
) -> Frame | None:
    """The outermost frame (of the user's code, not the standard library's or an
    installed package's) whose local variables hold ``t`` (or a list, tuple or dict
    holding it; or a view of its data; or, with ``kin``, a tensor it was computed from),
    when it is not the innermost one: where the tensor came in."""
    found: types.FrameType | None = None
    as_argument = False
    root = t._base if t._base is not None else t  # a slice: any view of its data counts

    def matches(v: Any) -> bool:
        if isinstance(v, Tensor):
            return v is t or _views(v, root) or (kin is not None and kin(v))
        if isinstance(v, (list, tuple, dict)):
            items = v.values() if isinstance(v, dict) else v
            return any(isinstance(x, Tensor) and matches(x) for x in items)
        return False

    for f in frames:
        if os.path.abspath(f.f_code.co_filename).startswith(_LIBRARY):
            continue
        if f.f_code.co_name == "<module>":
            # A script's globals: too many names to mean "passed in here".
            continue
        names = [n for n, v in f.f_locals.items() if matches(v)]
        if names:
            found = f
            code = f.f_code
            arguments = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
            as_argument = all(n in arguments for n in names)
    user = [f for f in frames if not os.path.abspath(f.f_code.co_filename).startswith(_LIBRARY)]
    if found is None or not user:
        return None
    caller = found.f_back
    if as_argument and caller is not None and not caller.f_code.co_filename.startswith(_SKIP):
        # It came in as an argument: the line that passed it (`generate(model, ids)`).
        found = caller
    if found is user[0]:
        return None
    return Frame(found.f_code.co_filename, found.f_lineno or 0, 0, found.f_code.co_name)


def _held_by(t: Tensor, frames: list[types.FrameType]) -> tuple[str, Frame] | None:
    """A module of the user's whose method is running and that holds ``t`` in a plain
    attribute (not a buffer or a parameter) or in a plain list, tuple or dict: which
    `.to()` does not move. The text and where the class sets the attribute."""
    seen: set[int] = set()
    for f in frames:
        obj = f.f_locals.get("self") if "self" in f.f_code.co_varnames else None
        if not isinstance(obj, torch.nn.Module) or id(obj) in seen:
            continue
        seen.add(id(obj))
        for attr, value in vars(obj).items():
            if attr.startswith("_"):
                continue
            if value is t:
                how = "a plain attribute, not a buffer: `.to()` does not move it"
            elif isinstance(value, (list, tuple, dict)) and _holds_deep(value, t):
                how = f"a plain {type(value).__name__}: `.to()` does not move what it holds"
            else:
                continue
            owner: type = type(obj)
            frame = _attribute_frame(owner, attr, fill=value is not t)
            if frame is not None:
                return f"held by {owner.__name__}.{attr} ({how}), set", frame
    return None


def _holds_deep(value: Any, t: Tensor, depth: int = 0) -> bool:
    items = value.values() if isinstance(value, dict) else value
    for v in items:
        if v is t:
            return True
        if depth < 1 and isinstance(v, (list, tuple, dict)) and _holds_deep(v, t, depth + 1):
            return True
    return False


@functools.lru_cache(maxsize=256)
def _attribute_frame(cls: type, attr: str, fill: bool = False) -> Frame | None:
    """Where a method of ``cls`` (or of a base class of the user's) sets
    ``self.<attr> = ...``; with ``fill``, rather a line that puts something into it
    (``self.<attr>[k] = ...``, ``self.<attr>.append(...)``). Read from the class's
    source."""

    def is_attr(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.Attribute)
            and node.attr == attr
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        )

    for klass in cls.__mro__:
        source = _class_source(klass)
        if source is None:
            continue
        path, first, _ = source
        try:
            lines, _ = inspect.getsourcelines(klass)
            tree = ast.parse(textwrap.dedent("".join(lines)))
        except (OSError, TypeError, SyntaxError):
            continue
        sets: list[int] = []
        fills: list[int] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign):
                targets = [node.target]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("append", "extend", "insert", "update", "setdefault")
                and is_attr(node.func.value)
            ):
                fills.append(node.lineno)
                continue
            else:
                continue
            for target in targets:
                if is_attr(target):
                    sets.append(node.lineno)
                elif isinstance(target, ast.Subscript) and is_attr(target.value):
                    fills.append(node.lineno)
        order = (fills, sets) if fill else (sets, fills)
        found = min(order[0]) if order[0] else min(order[1]) if order[1] else None
        if found is not None:
            return Frame(path, first + found - 1, 0, klass.__name__)
    return None


# ----------------------------------------------------------------------------------
# The torch.cuda API under simulation.


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
        self.device = torch.device("cuda", _sim_index(device))
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


def _sim_index(device: Any) -> int:
    sim = _active
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


class _DeviceContext:
    """``torch.cuda.device(i)``: makes i the current device inside the block."""

    def __init__(self, device: Any) -> None:
        self.idx = -1 if device is None or device == -1 else _sim_index(device)
        self.prev_idx = -1

    def __enter__(self) -> None:
        sim = _active
        if sim is None or self.idx < 0:
            return
        self.prev_idx = sim.current_device
        sim.set_current_device(self.idx)

    def __exit__(self, *exc: object) -> None:
        sim = _active
        if sim is not None and self.prev_idx >= 0:
            sim.current_device = self.prev_idx


# ----------------------------------------------------------------------------------
# The simulation.


_active: Simulation | None = None
_depth = 0
_lock = threading.Lock()


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
        self.tags = _Tags()
        self.origins = _Origins()
        self._tls = threading.local()
        self._pending: collections.OrderedDict[int, tuple[BaseException, Record]] = (
            collections.OrderedDict()
        )
        self._mode: Any = None
        self._undo: list[Callable[[], None]] = []
        self._streams: dict[int, _Stream] = {}
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
        self.current_device = self.cuda(_sim_index(device)).index or 0

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
            elif _is_wrapped(t):  # torch.func (vmap, grad): the tensor it wraps
                inner = t
                for _ in range(16):
                    if not _is_wrapped(inner):
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

    def set_origin(self, out: Any, how: str, after: _Steps | None = None) -> None:
        """``out`` (a tensor, or a tuple or list of them) got its device or dtype here:
        ``how`` is "made", "moved" or "cast" (after the steps ``after``)."""
        frame = _origin_frame(sys._getframe(1))
        if frame is None:
            return
        steps = _then(after, how, frame)
        if how == "made" and frame.function == "__init__":
            built = _built_at(sys._getframe(1))
            if built is not None:
                steps = (*steps, built)
        self.copy_origin(out, steps)

    def add_step(self, t: Tensor, what: str) -> None:
        """A step in the story of ``t`` itself (a no-op cast, a copy that went away)."""
        frame = _origin_frame(sys._getframe(1))
        if frame is not None:
            self.origins.set(t, _then(self.origins.get(t), what, frame))

    def copy_origin(self, out: Any, origin: _Steps | None) -> None:
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

    # -- install / uninstall ---------------------------------------------------------

    def install(self) -> None:
        try:
            self._install()
        except BaseException:
            self.uninstall()
            raise

    def _install(self) -> None:
        from torch.nn.modules import module as module_mod

        pre = module_mod.register_module_forward_pre_hook(self._pre_hook)
        self._undo.append(pre.remove)
        post = module_mod.register_module_forward_hook(self._post_hook, always_call=True)
        self._undo.append(post.remove)
        if self.simulate_cuda:
            self._patch_cuda()
            self._patch_distributed()
            self._mode = _SimMode(self)
        else:
            self._mode = _RecordMode(self)
        self._mode.__enter__()
        self._undo.append(self._pop_mode)

    def _pop_mode(self) -> None:
        if self._mode is not None:
            self._mode.__exit__(None, None, None)
            self._mode = None

    def uninstall(self) -> None:
        while self._undo:
            undo = self._undo.pop()
            undo()
        self.tags.clear()
        self.origins.clear()
        self._pending.clear()

    def _patch(self, owner: Any, name: str, value: Any) -> None:
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

    def _patch_cuda(self) -> None:
        cuda = torch.cuda
        sim = self
        p = self._patch

        def stream_for(device: Any = None) -> _Stream:
            index = _sim_index(device)
            if index not in sim._streams:
                sim._streams[index] = _Stream(index)
            return sim._streams[index]

        @contextlib.contextmanager
        def stream_context(stream: Any = None) -> Iterator[None]:
            yield

        def set_device(device: Any) -> None:
            sim.set_current_device(device)

        def device_of(obj: Any) -> _DeviceContext:
            tag = sim.tags.get(obj) if isinstance(obj, Tensor) else None
            return _DeviceContext(tag.index if tag is not None else None)

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
        p(cuda, "get_device_name", lambda device=None: _Props(_sim_index(device)).name)
        p(cuda, "get_device_capability", lambda device=None: (8, 0))
        p(cuda, "get_device_properties", lambda device=None: _Props(_sim_index(device)))
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
        p(cuda, "device", _DeviceContext)
        p(cuda, "device_of", device_of)
        nvtx = cuda.nvtx
        p(nvtx, "range_push", _zero())
        p(nvtx, "range_pop", _zero())
        p(nvtx, "mark", _nothing())
        p(nvtx, "range", stream_context)

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
        # Pinned memory needs a real accelerator; a CPU tensor is what it gives back.
        from torch.utils.data._utils import pin_memory as pin_mod

        p(pin_mod, "pin_memory", lambda data, device=None: data)

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
            autocast_init(
                self, device_type, dtype=dtype, enabled=enabled, cache_enabled=cache_enabled
            )

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

        # A custom autograd Function's outputs: autograd hands back an input returned
        # as is through a view it makes in C++; give its outputs their inputs' device.
        function_cls = torch.autograd.function.Function
        function_apply = function_cls.__dict__["apply"].__func__

        def apply(cls: Any, *args: Any, **kwargs: Any) -> Any:
            if "backward" in vars(cls) and not hasattr(cls.backward, "_torchlint"):
                p(cls, "backward", staticmethod(_lenient_backward(sim, cls.backward)))
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
                    devices = {sim.tag_of(t) for t in _all_tensors((args, kwargs))}
                    if len(devices) == 1 and None not in devices:
                        (device,) = devices
                        for t in _all_tensors(out):
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

        # torch.Generator("cuda"): a CPU generator (its random numbers differ from a
        # GPU's, as they would anyway).
        generator_cls = torch.Generator
        if isinstance(generator_cls, type):

            class Generator(generator_cls):  # type: ignore[misc, valid-type]
                def __new__(cls, device: Any = "cpu") -> Any:
                    return super().__new__(cls, "cpu")

            p(torch, "Generator", Generator)

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

        # torch.compile would trace through the mode: run eagerly instead.
        def compile_eager(model: Any = None, **kwargs: Any) -> Any:
            if model is None:
                return lambda m: m
            return model

        p(torch, "compile", compile_eager)
        dynamo = sys.modules.get("torch._dynamo")
        if dynamo is not None:
            p(dynamo.config, "disable", True)

        # Legacy CUDA tensor types: constructors, isinstance and .type(...).
        for name, dtype in _LEGACY_TYPES.items():
            if hasattr(cuda, name):
                p(cuda, name, _legacy_type_class(sim, name, dtype, on_cuda=True))
        for name, dtype in _LEGACY_TYPES.items():
            if hasattr(torch, name):
                p(torch, name, _legacy_type_class(sim, name, dtype, on_cuda=False))

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
            targets = [sim.cuda(_sim_index(d)) for d in devices or range(sim.device_count)]
            sizes = list(chunk_sizes) if chunk_sizes else None
            source: Any = tensor
            parts = source.split(sizes, dim) if sizes else source.chunk(len(targets), dim)
            return tuple(part.to(d) for part, d in zip(parts, targets, strict=False))

        def gather(
            tensors: Any, dim: int = 0, destination: Any = None, *, out: Any = None
        ) -> Tensor:
            target = (
                "cpu"
                if destination == -1 or destination == "cpu"
                else sim.cuda(_sim_index(destination))
            )
            return torch.cat([t.to(target) for t in tensors], dim)

        def broadcast_coalesced(tensors: Any, devices: Any, buffer_size: int = 0) -> Any:
            return [[t.to(sim.cuda(_sim_index(d))) for t in tensors] for d in devices]

        def reduce_add_coalesced(inputs: Any, destination: Any = None, buffer_size: int = 0) -> Any:
            target = sim.cuda(_sim_index(destination))
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
            for i, (module, args, kwargs) in enumerate(
                zip(modules, inputs, kwargs_list, strict=False)
            ):
                index = _sim_index(devices[i]) if devices else i
                with _DeviceContext(index):
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
            p(fn_cls, "forward", staticmethod(_forward_in_mode(sim, fn_cls.forward)))
            p(fn_cls, "backward", staticmethod(_backward_in_mode(sim, fn_cls.backward)))

        from torch.nn.parallel import DistributedDataParallel

        for wrapper in (torch.nn.DataParallel, DistributedDataParallel):
            p(wrapper, "__init__", _note_wrap(sim, wrapper.__init__))
        if accel is not None and hasattr(accel, "device_index"):
            p(accel, "device_index", _DeviceContext)

    def _patch_distributed(self) -> None:
        """NCCL stands in as a one-process group over gloo (this process is the whole
        world), and ``torch.multiprocessing.spawn`` runs its ranks one after another in
        this process, so that each rank's device logic runs as on a GPU node."""
        dist: Any = torch.distributed
        if not dist.is_available():
            return
        sim = self
        p = self._patch
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

    # -- module stack ------------------------------------------------------------------

    def _stack(self) -> list[tuple[Any, Any]]:
        try:
            return self._tls.stack  # type: ignore[no-any-return]
        except AttributeError:
            stack: list[tuple[Any, Any]] = []
            self._tls.stack = stack
            return stack

    def _pre_hook(self, module: Any, args: Any) -> None:
        self._stack().append((module, args))

    def _post_hook(self, module: Any, args: Any, output: Any) -> None:
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
            record.module = self._module_path(modules, _frame_modules(sys._getframe(1)))
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
            sources = [_class_source(type(m)) for m, _ in reversed(modules)]
            record.module_sources = tuple(s for s in sources if s is not None)
            note = self._container_note(modules) if kind == DEVICE_MISMATCH else None
            if note is not None:
                record.origins = (note, *record.origins)
        if kind in (DEVICE_MISMATCH, DTYPE_MISMATCH):
            called = _called_at(sys._getframe(1))
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
        frames = _user_frame_objects(start)
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

                    def kin(v: Tensor, story: _Steps = story) -> bool:
                        return self.origins.get(v) is story

                passed = _passed_in(t, frames, kin)
                if passed is not None:
                    text = "passed in" if steps else f"{side} was passed in"
                    out.append(Origin(side, text, passed, key))
                held = _held_by(t, frames) if key == "cpu" or kind == DTYPE_MISMATCH else None
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
                frame = _attribute_frame(owner, attr)
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
        _mark(exc, record)
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
                _mark(first, record)
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
            sources = [_class_source(type(m)) for m in reversed(modules)]
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
                f"Input type ({_legacy_type(x, self.tags.get(x))}) and weight type "
                f"({_legacy_type(w, self.tags.get(w))}) should be the same (simulated)"
            )
        else:
            message = (
                "Expected all tensors to be on the same device, but found at least two "
                f"devices, {a} and {b}! (simulated)"
            )
        exc = SimulatedCudaError(message)
        record = self.make_record(DEVICE_MISMATCH, func, args, kwargs, message, True)
        _mark(exc, record)
        self.emit(record)
        return exc


@contextlib.contextmanager
def _in_mode(sim: Simulation) -> Iterator[None]:
    """Run under the simulation's mode (the autograd engine runs backward without it)."""
    if any(isinstance(m, _SimMode) for m in _mode_stack()):
        yield
        return
    with _SimMode(sim):
        yield


def _forward_in_mode(sim: Simulation, forward: Callable[..., Any]) -> Callable[..., Any]:
    def run(ctx: Any, *args: Any) -> Any:
        with _in_mode(sim):
            out = forward(ctx, *args)
        outs = out if isinstance(out, tuple) else (out,)
        ctx._torchlint_devices = [sim.tags.get(o) if isinstance(o, Tensor) else None for o in outs]
        return out

    return run


def _lenient_backward(sim: Simulation, backward: Callable[..., Any]) -> Callable[..., Any]:
    """A custom autograd Function's backward, run under the simulation (the engine
    runs it without the mode), leniently: a tensor autograd hands back untagged (a
    saved output) is of unknown device, so only tensors on two GPUs conflict."""

    def run(ctx: Any, *grads: Any) -> Any:
        if _active is not sim:
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


def _backward_in_mode(sim: Simulation, backward: Callable[..., Any]) -> Callable[..., Any]:
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


def _made_by(sim: Simulation, factory: Callable[..., Tensor]) -> Callable[..., Tensor]:
    @functools.wraps(factory)
    def made(*args: Any, **kwargs: Any) -> Tensor:
        out = factory(*args, **kwargs)
        sim.set_origin(out, "made")
        return out

    return made


def _note_wrap(sim: Simulation, init: Callable[..., None]) -> Callable[..., None]:
    """A DataParallel / DDP ``__init__`` that notes where the wrapper was made."""

    @functools.wraps(init)
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> None:
        frame = _origin_frame(sys._getframe(1))
        if frame is not None:
            sim.wrapped_at[self] = (frame, args[0] if args else kwargs.get("module"))
        init(self, *args, **kwargs)

    return wrapped


def _mark(exc: BaseException, record: Record) -> None:
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


# ----------------------------------------------------------------------------------
# The modes.


class _RecordMode(TorchFunctionMode):
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


_Handler = Callable[[Simulation, Any, Any, dict[str, Any]], Any]
_HANDLERS: dict[Any, _Handler] = {}


def _passthrough(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    return func(*args, **kwargs)


class _Pass:
    """Functions that need no device logic (they do not compute with tensors)."""

    @staticmethod
    def add(func: Any) -> None:
        _HANDLERS[func] = _passthrough


_PASS = _Pass()


class _SimMode(TorchFunctionMode):
    def __init__(self, sim: Simulation) -> None:
        super().__init__()
        self.sim = sim

    def __torch_function__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
        if kwargs is None:
            kwargs = {}
        try:
            handler = _HANDLERS.get(func)
            if handler is None:
                return _generic(self.sim, func, args, kwargs)
            if handler is _passthrough:
                return func(*args, **kwargs)
            return handler(self.sim, func, args, kwargs)
        except Exception as exc:
            self.sim.on_error(func, args, kwargs, exc)
            raise


def _generic(
    sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any], ignore: tuple[Any, ...] = ()
) -> Any:
    # The hot path: every op without a handler comes here. One pass over the
    # arguments, reading the tag table directly.
    if _device_mod.CURRENT_DEVICE is not None:
        kwargs = _default_device(func, kwargs)
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
    origin: _Steps | None = None
    first: Tensor | None = None  # the first input with a story (origin is its story)
    storied: list[tuple[Tensor, _Steps]] | None = None  # the others
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
            elif sim.transforms and _is_wrapped(t):
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


def _default_device(func: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
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


def _handles(*funcs: Any) -> Callable[[_Handler], _Handler]:
    def register(handler: _Handler) -> _Handler:
        for f in funcs:
            _HANDLERS[f] = handler
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
    target = sim.cuda(None if device is None else _sim_index(device))
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
        return _legacy_type(self, tag)
    if isinstance(target_type, torch.dtype):
        return _moved(sim, self, self.to(target_type), tag, cast=True)
    name = (
        target_type
        if isinstance(target_type, str)
        else (f"{getattr(target_type, '__module__', '')}.{getattr(target_type, '__name__', '')}")
    )
    base = name.rsplit(".", 1)[-1]
    dtype = _LEGACY_TYPES.get(base)
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
    return _moved(sim, self, self.to(other.dtype), sim.tags.get(other), placed=True, cast=True)


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
        _mark(exc, record)
        sim.emit(record)
        raise exc
    return func(*args, **kwargs)


@_handles(Tensor.pin_memory)
def _pin_memory(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    tag = sim.tags.get(args[0])
    if tag is not None:
        raise SimulatedCudaError(
            f"cannot pin '{_legacy_type(args[0], tag)}' only dense CPU tensors can be pinned "
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
    kwargs = _default_device(func, kwargs)
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
        return _generic(sim, func, args, kwargs, ignore=(args[1],))
    return _generic(sim, func, args, kwargs)


@_handles(torch.nn.functional.ctc_loss, torch.ctc_loss)
def _ctc(sim: Simulation, func: Any, args: Any, kwargs: dict[str, Any]) -> Any:
    # CUDA's CTC loss takes targets and lengths on the CPU (cuDNN even needs them there).
    names = ("targets", "input_lengths", "target_lengths")
    cpu = tuple(args[1:4]) + tuple(kwargs[n] for n in names if n in kwargs)
    return _generic(sim, func, args, kwargs, ignore=tuple(t for t in cpu if isinstance(t, Tensor)))


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
        cuda_storages[storage.data_ptr()] = sim.cuda(None if device is None else _sim_index(device))
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
        for t in _all_tensors(out):
            device = cuda_storages.get(t.untyped_storage().data_ptr())
            if device is not None:
                sim.tags.set(t, device)
    return out


def _save(sim: Simulation, save: Any, obj: Any, f: Any, *args: Any, **kwargs: Any) -> Any:
    """``torch.save`` under simulation: storages of tensors on a simulated GPU are
    written with that GPU's location tag, through a location tagger registered for
    the length of the call (torch asks its taggers in priority order)."""
    cuda_storages: dict[int, torch.device] = {}
    for t in _all_tensors(obj):
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


def _all_tensors(obj: Any, depth: int = 0) -> Iterator[Tensor]:
    if isinstance(obj, Tensor):
        yield obj
    elif isinstance(obj, torch.nn.Module):
        yield from obj.parameters()
        yield from obj.buffers()
    elif depth < 6 and isinstance(obj, dict):
        for v in obj.values():
            yield from _all_tensors(v, depth + 1)
    elif depth < 6 and isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _all_tensors(v, depth + 1)


# ----------------------------------------------------------------------------------
# Public entry points.


def acquire(simulate_cuda: bool, device_count: int = 1) -> Simulation:
    global _active, _depth
    with _lock:
        if _active is not None:
            if _active.simulate_cuda != simulate_cuda:
                raise RuntimeError(
                    "a runtime check is already active with simulate_cuda="
                    f"{_active.simulate_cuda}; nested checks must agree"
                )
            _depth += 1
            return _active
        sim = Simulation(simulate_cuda, device_count)
        sim.install()
        _active, _depth = sim, 1
        return sim


def release(sim: Simulation) -> None:
    global _active, _depth
    with _lock:
        if _active is not sim:
            return
        _depth -= 1
        if _depth == 0:
            _active = None
            sim.uninstall()


def active() -> Simulation | None:
    return _active


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
