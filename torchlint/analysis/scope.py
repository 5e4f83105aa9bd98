"""The state of a flow walk: ``Walk``, what one file's walk keeps across its scopes
(the file's classes and functions, the instances made, the observations), and
``Scope``, one function's environment (what each name holds) with the lookups and
the reading of device and dtype expressions that every part of the walk shares."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import replace

import libcst as cst

from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.names import dotted
from torchlint.analysis.observations import FlowFacts
from torchlint.analysis.torch_api import names_cpu, torch_dtype
from torchlint.analysis.values import (
    MAYBE_DTYPE,
    Event,
    Kind,
    Place,
    Value,
    member,
)
from torchlint.lint.traverse import nodes


def mentions_device(node: cst.CSTNode) -> bool:
    """``.to(``, ``.cuda(``, ``device=`` or a name with "device" anywhere under ``node``."""
    for sub in nodes(node, cst.Name):
        if sub.value in ("to", "cuda") or "device" in sub.value:
            return True
    return False


def class_methods(cls: ClassFacts) -> list[cst.FunctionDef]:
    """The methods of ``cls`` (functions of its own body), in order."""
    out = []
    for stmt in cls.node.body.body:
        if isinstance(stmt, cst.FunctionDef):
            out.append(stmt)
    return out


class Walk:
    """What the walk of one file keeps across the scopes it walks."""

    def __init__(self, analysis: FileFacts) -> None:
        self.analysis = analysis
        self.facts = FlowFacts()
        self.results: dict[cst.CSTNode, Value] = {}
        self.local_modules = {c.name: c for c in analysis.classes.values() if c.is_module}
        # Dataset classes of the file that never say a device: their items, and so a
        # DataLoader's batches (default collate), are CPU tensors.
        self.cpu_datasets = {
            c.name: c
            for c in analysis.classes.values()
            if not c.is_module
            and any(b.rsplit(".", 1)[-1].endswith("Dataset") for b in c.bases)
            and not mentions_device(c.node)
        }
        self.moved_away: dict[int, tuple[str, Event]] = {}
        self.pending_late: dict[cst.CSTNode, tuple[int, int, str, Event]] = {}
        self.late_roots: dict[cst.CSTNode, str] = {}
        self.late_in_callee: dict[cst.CSTNode, bool] = {}
        self.late_calls: dict[cst.CSTNode, cst.CSTNode] = {}
        self.globals: dict[str, Value] = {}
        self.module_scope: Scope | None = None  # while the module body is walked
        self.followed = 0  # calls followed into the file's own functions
        # Instances of the file's classes: their class and ``self.`` attributes.
        self.objects: dict[int, tuple[ClassFacts, dict[str, Value]]] = {}
        self.local_classes = {
            c.name: c
            for c in analysis.classes.values()
            if not c.is_module and c.name not in self.cpu_datasets
        }
        self.top_functions: dict[str, cst.FunctionDef] = {}
        self._methods: dict[ClassFacts, dict[str, cst.FunctionDef]] = {}

    def methods(self, cls: ClassFacts) -> dict[str, cst.FunctionDef]:
        if cls not in self._methods:
            self._methods[cls] = {m.name.value: m for m in class_methods(cls)}
        return self._methods[cls]

    def globals_for(self, fn: cst.FunctionDef) -> dict[str, Value]:
        """What the module body bound, less the names ``fn``'s parameters shadow."""
        p = fn.params
        shadowed = {param.name.value for param in (*p.posonly_params, *p.params, *p.kwonly_params)}
        for star in (p.star_arg, p.star_kwarg):
            if isinstance(star, cst.Param):
                shadowed.add(star.name.value)
        # While the module body is walked, a function it calls sees the bindings made
        # so far (a model built at line 40 is known to the helper called at line 41).
        bindings = self.globals if self.module_scope is None else self.module_scope.env
        return {
            k: v
            for k, v in bindings.items()
            if v.kind is not None and k.split(".", 1)[0] not in shadowed
        }


class Scope(ABC):
    """One walk over one function (or the module body); ``depth`` > 0 when the
    function is followed from a call site, with the call's arguments bound."""

    def __init__(
        self,
        walker: Walk,
        env: dict[str, Value],
        depth: int = 0,
        stack: tuple[cst.FunctionDef, ...] = (),
        cls: ClassFacts | None = None,
    ) -> None:
        self.w = walker
        self.env = env
        self.gpu_evidence: Event | None = None
        self.autocast = 0
        self.depth = depth
        self.stack = stack
        self.cls = cls
        self.returns: list[Value] = []
        # The statements of the function's own body (not nested in a block), and
        # whether the GPU run already returned at one of them (``if
        # torch.cuda.is_available(): return model.cuda()``): later returns are
        # another run's.
        self.top: frozenset[int] = frozenset()
        self.gpu_run_returned = False
        self.stmt: cst.CSTNode | None = None  # the statement being walked
        self.in_forward = False  # followed from a module call (see CallObs)
        # Walking from an entry: the module body or a function of the file, or what
        # they call. A class's own methods, walked on their own, follow only their
        # class's methods (the screen groups the code the same way).
        self.entry = cls is None

    # ------------------------------------------------------------ lookups
    def lookup(self, path: str) -> Value | None:
        if path in self.env:
            return self.env[path]
        # model.vpm: a part of a module shares its placement and dtype.
        head, _, _ = path.rpartition(".")
        while head:
            parent = self.env.get(head)
            if parent is not None:
                if parent.kind in (Kind.MODULE, Kind.WRAPPER):
                    return member(parent, path.rsplit(".", 1)[-1])
                return None
            head, _, _ = head.rpartition(".")
        return None

    def set(self, path: str, value: Value) -> None:
        # Re-binding ``model`` forgets what was known about ``model.x``.
        prefix = path + "."
        for key in [k for k in self.env if k.startswith(prefix)]:
            del self.env[key]
        self.env[path] = value

    def update_ident(self, ident: int, value: Value) -> None:
        """A module changed in place: every name holding it sees the change."""
        for key, v in list(self.env.items()):
            if v.ident == ident:
                self.env[key] = replace(value, ident=ident, moved_from=v.moved_from)
                # model.to(device) also moves model.vpm, whatever was known about it.
                for child in [k for k in self.env if k.startswith(key + ".")]:
                    del self.env[child]

    def escape(self, value: Value) -> None:
        """Passed to code we cannot see: it may have been moved or cast there."""
        if value.kind in (Kind.MODULE, Kind.WRAPPER) and value.ident:
            self.update_ident(value.ident, replace(value, device=None, dtype=None))
        elif value.kind == Kind.OPTIMIZER and value.ident:
            self.update_ident(value.ident, replace(value, device=Place.MAYBE))

    def escape_args(self, args: Iterable[tuple[cst.Arg, Value]]) -> None:
        for _, value in args:
            self.escape(value)

    # ------------------------------------------------------------ devices
    def device_of(self, node: cst.BaseExpression) -> tuple[Place | None, cst.BaseExpression | None]:
        """(device class, the expression) if ``node`` denotes a device."""
        if isinstance(node, cst.SimpleString):
            text = node.evaluated_value
            if isinstance(text, str):
                kind = text.split(":", 1)[0]
                if kind in (Place.CPU, Place.CUDA, "mps", "xpu", "npu", "meta"):
                    place = (
                        Place.CPU if kind == "cpu" else Place.META if kind == "meta" else Place.CUDA
                    )
                    return place, node
            return None, None
        if isinstance(node, cst.FormattedString):
            text = "".join(p.value for p in node.parts if isinstance(p, cst.FormattedStringText))
            return (Place.CUDA, node) if text.startswith(Place.CUDA) else (None, None)
        if isinstance(node, cst.Integer):
            return Place.CUDA, node
        if isinstance(node, cst.Call):
            q = self.w.analysis.qualify(node.func)
            if q == "torch.device" and node.args:
                literal, _ = self.device_of(node.args[0].value)
                return (literal or Place.VAR), node
            return None, None
        name = dotted(node)
        if name is not None:
            value = self.lookup(name)
            if (value is None or (value.kind == Kind.DEVICE and not value.device)) and names_cpu(
                name, self.cls, self.w.analysis
            ):
                return Place.CPU, node  # self._cpu_device = torch.device("cpu")
            if value is not None and value.kind == Kind.DEVICE:
                return value.device or Place.VAR, node
            last = name.rsplit(".", 1)[-1].lower()
            if last == "dev" or last.endswith(("device", "rank", "gpu")) or last.startswith("gpu"):
                return Place.VAR, node
        return None, None

    def dtype_of(self, node: cst.BaseExpression) -> str | None:
        d = torch_dtype(node, self.w.analysis)
        if d is not None:
            return d
        name = dotted(node)
        if name is not None:
            value = self.lookup(name)
            if value is not None and value.kind == Kind.DTYPE:
                return value.dtype or MAYBE_DTYPE
            if "dtype" in name.rsplit(".", 1)[-1].lower() or name.endswith(".dtype"):
                return MAYBE_DTYPE
        return None

    def to_args(
        self, call: cst.Call
    ) -> tuple[tuple[Place | None, cst.BaseExpression | None], str | None]:
        """What ``.to(...)`` asks for: ((device, expr), dtype)."""
        device: tuple[Place | None, cst.BaseExpression | None] = (None, None)
        dtype = None
        for arg in call.args:
            if arg.star:
                return (Place.MAYBE, None), MAYBE_DTYPE
            kw = arg.keyword.value if arg.keyword else None
            if kw == "device":
                d = self.device_of(arg.value)
                device = d if d[0] else (Place.VAR, arg.value)
            elif kw == "dtype":
                dtype = self.dtype_of(arg.value) or MAYBE_DTYPE
            elif kw is None:
                d = self.device_of(arg.value)
                if d[0]:
                    device = d
                    continue
                t = self.dtype_of(arg.value)
                if t:
                    dtype = t
                    continue
                other = self.eval(arg.value)
                if other.kind == Kind.TENSOR:  # .to(other): other's device and dtype
                    device = (other.device or Place.VAR, arg.value)
                    dtype = other.dtype or MAYBE_DTYPE
                else:
                    device = (Place.MAYBE, None)
        return device, dtype

    # ------------------------------------------------------------ the rest of the walk
    @abstractmethod
    def eval(self, node: cst.BaseExpression) -> Value:
        """What ``node`` evaluates to, observing the calls in it."""

    @abstractmethod
    def method_of(
        self,
        obj: Value,
        method: str,
        node: cst.Call,
        args: list[tuple[cst.Arg, Value]],
        label: str = "",
    ) -> Value | None:
        """``obj.method(...)`` on an instance of a class of the file, walked."""

    @abstractmethod
    def observe_call(
        self, node: cst.Call, callee: str, module: Value, args: list[tuple[cst.Arg, Value]]
    ) -> None:
        """Records a module called on ``args``."""
