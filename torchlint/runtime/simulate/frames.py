"""Where things happened, from the Python stack: the user's frames (outside torch and
torchlint), where an op ran and who called it, where a tensor came in or is held, and
where a class sets an attribute (read from its source). Plain frame walking; the
simulation (``simulation.py``) turns the answers into a record's location and story."""

from __future__ import annotations

import ast
import functools
import inspect
import os
import sysconfig
import textwrap
import types
from collections.abc import Callable
from typing import Any

import torch
from torch import Tensor

import torchlint
from torchlint.runtime.records import Frame, Origin

TORCH_DIR = os.path.dirname(os.path.abspath(torch.__file__)) + os.sep
_TORCHLINT_DIR = os.path.dirname(os.path.abspath(torchlint.__file__)) + os.sep
_SKIP = (TORCH_DIR, _TORCHLINT_DIR, "<frozen ")
_LIBRARY = tuple(
    {
        os.path.abspath(p) + os.sep
        for key in ("stdlib", "platstdlib", "purelib", "platlib")
        if (p := sysconfig.get_paths().get(key))
    }
)
_MAX_FRAMES = 64


def built_at(start: types.FrameType | None) -> tuple[str, Frame] | None:
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


# Per code object: 0 torch or torchlint, 1 the standard library or an installed
# package, 2 the user's code.
_code_kinds: dict[types.CodeType, int] = {}


def origin_frame(start: types.FrameType | None) -> Frame | None:
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


def frame_modules(start: types.FrameType | None) -> list[Any]:
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


_class_sources: dict[type, tuple[str, int, int] | None] = {}


def class_source(cls: type) -> tuple[str, int, int] | None:
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


def user_frame_objects(start: types.FrameType | None) -> list[types.FrameType]:
    """The frames of the user's code from ``start`` out, innermost first."""
    out: list[types.FrameType] = []
    f = start
    while f is not None and len(out) < _MAX_FRAMES:
        if not f.f_code.co_filename.startswith(_SKIP):
            out.append(f)
        f = f.f_back
    return out


_INNER_SCOPES = frozenset({"<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>", "<lambda>"})


def called_at(start: types.FrameType | None) -> Origin | None:
    """When the op ran in a method of a module of the user's: where the user's code
    outside the module called it (the line of a training loop, a pipeline's call)."""
    outermost: types.FrameType | None = None
    for f in user_frame_objects(start):
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


def passed_in(
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


def held_by(t: Tensor, frames: list[types.FrameType]) -> tuple[str, Frame] | None:
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
            frame = attribute_frame(owner, attr, fill=value is not t)
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
def attribute_frame(cls: type, attr: str, fill: bool = False) -> Frame | None:
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
        source = class_source(klass)
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
