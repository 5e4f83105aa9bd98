"""Per-file facts gathered in one LibCST pass: imports, functions with their
parameters and assignments, classes with their ``self.`` attributes. The flow analysis
reads these; ``analysis/file.py`` puts the two together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Self

import libcst as cst

from torchlint.analysis.gates import Gates
from torchlint.analysis.names import ImportTable, dotted, literal_str
from torchlint.analysis.order import written_before

_DEFAULT_DEVICE_SETTERS = frozenset({"torch.set_default_device", "torch.set_default_tensor_type"})
# What picks the GPU ``.cuda()`` and ``"cuda"`` mean in this process.
_CURRENT_GPU_SETTERS = frozenset({"torch.cuda.set_device", "torch.cuda.device"})
# (As statements: ``with torch.cuda.device(i):`` is read from the ``with``.)
# Methods that change a dict (or list) in place.
_CHANGES_IN_PLACE = frozenset({"update", "setdefault", "pop", "clear", "append", "extend"})
_SETTER_NAMES = frozenset(
    q.rsplit(".", 1)[1]
    for q in (*_DEFAULT_DEVICE_SETTERS, "torch.cuda.set_device", "torch.set_default_dtype")
)
# Libraries that start one process per GPU and make it the process's current GPU.
_PROCESS_PER_GPU = ("accelerate", "lightning", "pytorch_lightning", "deepspeed")


def _last(func: cst.BaseExpression) -> str | None:
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else None


@dataclass(eq=False)
class ClassFacts:
    node: cst.ClassDef
    bases: list[str]  # qualified where imported, dotted text otherwise
    methods: set[str] = field(default_factory=set)
    # ``self.x = value`` anywhere in the class's methods, in source order.
    self_attrs: dict[str, list[cst.BaseExpression]] = field(default_factory=dict)
    # Subclasses a module (torch_api.module_base) or a module class of the file above
    # it: set by ``analysis/file.py``, which knows torch.
    is_module: bool = False
    # ``object.__setattr__(self, "teacher", t)`` in its methods: kept out of the registry.
    aside: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.node.name.value

    @property
    def is_dataset(self) -> bool:
        """A ``Dataset`` (``IterableDataset``, ``torch.utils.data.Dataset``, a base
        of the file named so) that is not a module."""
        return not self.is_module and any(
            b.rsplit(".", 1)[-1].endswith("Dataset") for b in self.bases
        )

    def method(self, name: str) -> cst.FunctionDef | None:
        """The method defined in the class body under ``name`` (not inherited)."""
        body = self.node.body
        if not isinstance(body, cst.IndentedBlock):
            return None
        return next(
            (s for s in body.body if isinstance(s, cst.FunctionDef) and s.name.value == name),
            None,
        )

    def bound(self, attr: str) -> cst.BaseExpression | None:
        """What a class attribute is bound to in the class body (``MEAN = 0.9``,
        ``MEAN, STD = 0.9, 0.02``, ``basis = CATMULL_ROM``) when no method assigns it
        on ``self``."""
        return None if attr in self.self_attrs else self.body_bindings.get(attr)

    @cached_property
    def body_bindings(self) -> dict[str, cst.BaseExpression]:
        """The class body's own ``name = value`` bindings (a later one wins)."""
        found: dict[str, cst.BaseExpression] = {}
        for stmt in self.node.body.body:
            if not isinstance(stmt, cst.SimpleStatementLine):
                continue
            for small in stmt.body:
                pairs: list[tuple[cst.BaseExpression, cst.BaseExpression]] = []
                if isinstance(small, cst.Assign):
                    for assigned in small.targets:
                        pairs.extend(_unpacked(assigned.target, small.value))
                elif isinstance(small, cst.AnnAssign) and small.value is not None:
                    pairs.append((small.target, small.value))
                for name, value in pairs:
                    if isinstance(name, cst.Name):
                        found[name.value] = value
        return found


@dataclass(eq=False)
class FunctionFacts:
    node: cst.FunctionDef
    cls: ClassFacts | None
    params: list[str] = field(default_factory=list)
    # ``name = value`` in this function's own body (not nested functions), in order.
    assignments: dict[str, list[cst.BaseExpression]] = field(default_factory=dict)

    def binds(self, name: str) -> bool:
        return name in self.params or name in self.assignments

    def single_value(self, name: str) -> cst.BaseExpression | None:
        """The value of a local that is assigned exactly once and is no parameter."""
        values = self.assignments.get(name, [])
        if len(values) == 1 and name not in self.params:
            return values[0]
        return None

    def value_at(self, name: cst.Name) -> cst.BaseExpression | None:
        """The value the local ``name`` reads: its single value, or, in straight-line
        code that assigns it several times (``emb = ...; emb = torch.cat([emb.sin(),
        ...])``), the last assignment in a statement before the one ``name`` is in.
        None for a parameter, a name a branch or a loop assigns too, or one outside
        the statements of the function's own body."""
        single = self.single_value(name.value)
        if single is not None or name.value in self.params:
            return single
        smalls = [
            small
            for stmt in self.node.body.body
            if isinstance(stmt, cst.SimpleStatementLine)
            for small in stmt.body
        ]
        assigned = {
            id(small): small.value
            for small in smalls
            if isinstance(small, cst.Assign)
            and any(
                isinstance(t.target, cst.Name) and t.target.value == name.value
                for t in small.targets
            )
        }
        if len(assigned) != len(self.assignments.get(name.value, [])):
            return None  # also assigned in a branch or a loop
        last: cst.BaseExpression | None = None
        for small in smalls:
            if _holds(small, name):
                return last
            last = assigned.get(id(small), last)
        return None

    def values_at(self, name: cst.Name) -> list[cst.BaseExpression]:
        """The values the local ``name`` may read, where ``value_at`` knows no one:
        each of its assignments, when all are written above it (``table = ...``, then
        ``if odd: table = torch.cat([table, pad])``, then ``return table``); empty for
        a parameter, or where one is written after it (a loop may carry that one)."""
        values = self.assignments.get(name.value, [])
        if name.value in self.params or not all(written_before(v, name, self.node) for v in values):
            return []
        return values


@dataclass
class FileFacts:
    """What one pass over a file's statements found. The flow analysis takes these
    as its input; rules get them as an ``Analysis`` (``analysis/file.py``), which adds
    the flow."""

    imports: ImportTable
    functions: dict[cst.FunctionDef, FunctionFacts]
    classes: dict[cst.ClassDef, ClassFacts]
    module_assignments: dict[str, list[cst.BaseExpression]]
    module: cst.Module | None = None
    # torch.set_default_device(device), set_default_tensor_type(torch.cuda...),
    # `with torch.device(...)`: a factory without device= may not make a CPU tensor
    # anywhere in this file. The first such call, or None.
    default_device: cst.Call | None = None
    # torch.set_default_dtype(...), set_default_tensor_type(torch.DoubleTensor): a
    # float factory without dtype= may not make float32 anywhere in this file.
    default_dtype: cst.Call | None = None
    # torch.cuda.set_device(rank), `with torch.cuda.device(i):`, an assignment to
    # os.environ["CUDA_VISIBLE_DEVICES"], or a library that runs a process per GPU
    # (accelerate, lightning, deepspeed): the current GPU (`.cuda()`, "cuda") may be
    # the one the code chose. The first such statement or import, or None.
    current_gpu: cst.CSTNode | None = None
    # parser.add_argument("--device", default="cpu"): the string defaults of the
    # file's command-line options, by destination (what a run without flags gets).
    # ``add_argument("--device", default=...)``: a string, or a choice between two
    # (``"cuda" if torch.cuda.is_available() else "cpu"``), by dest.
    option_defaults: dict[str, cst.SimpleString | cst.IfExp] = field(default_factory=dict)
    # Names a statement changes in place (``CFG["device"] = d``, ``CFG.update(...)``,
    # ``CFG |= ...``): what the module binds them to is not all they hold.
    changed_in_place: frozenset[str] = frozenset()
    # The file's path, where imports of the project's other files are resolved from
    # (None: text without a file, such as stdin).
    path: str | None = None
    _gates: Gates | None = field(default=None, repr=False)

    @classmethod
    def of(cls, module: cst.Module, path: str | None = None) -> Self:
        """The facts of ``module``'s statements (one pass), for the file at ``path``."""
        found = collect(module)
        return cls(
            imports=found.imports,
            functions=found.functions,
            classes=found.classes,
            module_assignments=found.module_assignments,
            module=module,
            default_device=found.default_device,
            default_dtype=found.default_dtype,
            current_gpu=found.current_gpu,
            option_defaults=found.option_defaults,
            changed_in_place=frozenset(found.changed_in_place),
            path=path,
        )

    def class_named(self, name: str) -> ClassFacts | None:
        """The class of the file defined under ``name`` (the first, if several)."""
        return next((c for c in self.classes.values() if c.name == name), None)

    def qualify(self, node: cst.BaseExpression) -> str | None:
        return self.imports.qualify(node)

    @property
    def gates(self) -> Gates:
        """Version gates and compatibility fallbacks (``analysis/gates.py``), found
        on first use."""
        if self._gates is None:
            assert self.module is not None
            self._gates = Gates(self.module, self.imports)
        return self._gates


class _Collector:
    """Walks statements only (never into expressions): imports, definitions and
    assignments are all statements, and skipping the expression nodes makes this
    pass a small fraction of a parse (``bench/names_cost.py``)."""

    def __init__(self) -> None:
        self.imports = ImportTable()
        self.functions: dict[cst.FunctionDef, FunctionFacts] = {}
        self.classes: dict[cst.ClassDef, ClassFacts] = {}
        self.module_assignments: dict[str, list[cst.BaseExpression]] = {}
        # Calls that may set a default device, qualified once the imports are known.
        self._setters: list[cst.Call] = []
        self._visible_devices: cst.CSTNode | None = None
        self._process_per_gpu: cst.CSTNode | None = None
        self.option_defaults: dict[str, cst.SimpleString | cst.IfExp] = {}
        self.changed_in_place: set[str] = set()

    @property
    def default_device(self) -> cst.Call | None:
        for call in self._setters:
            q = self.imports.qualify(call.func) or ""
            if q == "torch.device":
                return call
            if q in _DEFAULT_DEVICE_SETTERS and call.args:
                first = call.args[0].value
                spelled = (
                    first.evaluated_value if isinstance(first, cst.SimpleString) else dotted(first)
                )
                if spelled not in ("cpu", "torch.FloatTensor", "torch.DoubleTensor"):
                    return call
        return None

    @property
    def default_dtype(self) -> cst.Call | None:
        for call in self._setters:
            q = self.imports.qualify(call.func) or ""
            if q == "torch.set_default_dtype" or (
                q == "torch.set_default_tensor_type"
                and call.args
                and "Double" in (dotted(call.args[0].value) or "")
            ):
                return call
        return None

    def _option(self, call: cst.Call) -> None:
        """``parser.add_argument("--device", default="cpu")``: the default, by dest."""
        keywords = {a.keyword.value: a.value for a in call.args if a.keyword is not None}
        default = keywords.get("default")
        flag = call.args[0].value if call.args and call.args[0].keyword is None else None
        dest = keywords.get("dest")
        name = (
            dest.evaluated_value
            if isinstance(dest, cst.SimpleString)
            else flag.evaluated_value
            if isinstance(flag, cst.SimpleString)
            else None
        )
        if isinstance(default, (cst.SimpleString, cst.IfExp)) and isinstance(name, str):
            self.option_defaults[name.lstrip("-").replace("-", "_")] = default

    @property
    def current_gpu(self) -> cst.CSTNode | None:
        for call in self._setters:
            if self.imports.qualify(call.func) in _CURRENT_GPU_SETTERS:
                return call
        return self._visible_devices or self._process_per_gpu

    def body(
        self,
        statements: Sequence[cst.BaseStatement] | Sequence[cst.BaseSmallStatement],
        fn: FunctionFacts | None,
        cls: ClassFacts | None,
    ) -> None:
        for stmt in statements:
            self.statement(stmt, fn, cls)

    def statement(
        self, stmt: cst.CSTNode, fn: FunctionFacts | None, cls: ClassFacts | None
    ) -> None:
        if type(stmt) is cst.SimpleStatementLine:
            self.body(stmt.body, fn, cls)
        elif type(stmt) is cst.Import:
            self.imports.add_import(stmt)
            if self._process_per_gpu is None and any(
                (dotted(a.name) or "").split(".", 1)[0] in _PROCESS_PER_GPU for a in stmt.names
            ):
                self._process_per_gpu = stmt
        elif type(stmt) is cst.ImportFrom:
            self.imports.add_import_from(stmt)
            module = dotted(stmt.module) if stmt.module is not None and not stmt.relative else None
            if (
                self._process_per_gpu is None
                and (module or "").split(".", 1)[0] in _PROCESS_PER_GPU
            ):
                self._process_per_gpu = stmt
        elif type(stmt) is cst.Assign:
            for t in stmt.targets:
                self._record(t.target, stmt.value, fn)
                if isinstance(t.target, cst.Subscript) and isinstance(t.target.value, cst.Name):
                    self.changed_in_place.add(t.target.value.value)
                if (
                    isinstance(t.target, cst.Subscript)
                    and dotted(t.target.value) == "os.environ"
                    and "CUDA_VISIBLE_DEVICES" in _subscript_text(t.target)
                ):
                    self._visible_devices = self._visible_devices or stmt
        elif type(stmt) is cst.AugAssign and isinstance(stmt.target, cst.Name):
            self.changed_in_place.add(stmt.target.value)
        elif type(stmt) is cst.AnnAssign:
            if stmt.value is not None:
                self._record(stmt.target, stmt.value, fn)
        elif type(stmt) is cst.ClassDef:
            self._class(stmt)
        elif type(stmt) is cst.FunctionDef:
            self._function(stmt, fn, cls)
        elif type(stmt) is cst.Expr:
            # Setters are called as statements (a statement-only pass is what keeps
            # this cheap): ``torch.set_default_device("cuda")``.
            call = stmt.value
            if isinstance(call, cst.Call) and _last(call.func) in _SETTER_NAMES:
                self._setters.append(call)
            elif isinstance(call, cst.Call) and _last(call.func) == "add_argument":
                self._option(call)
            elif (
                isinstance(call, cst.Call)
                and isinstance(call.func, cst.Attribute)
                and isinstance(call.func.value, cst.Name)
                and call.func.attr.value in _CHANGES_IN_PLACE
            ):
                self.changed_in_place.add(call.func.value.value)  # CFG.update(vars(args))
            elif (
                isinstance(call, cst.Call)
                and fn is not None
                and fn.cls is not None
                and dotted(call.func) == "object.__setattr__"
                and len(call.args) >= 2
                and dotted(call.args[0].value) == "self"
                and (attr := literal_str(call.args[1].value)) is not None
            ):
                fn.cls.aside.add(attr)
        elif isinstance(stmt, (cst.If, cst.For, cst.While, cst.With, cst.Try, cst.TryStar)):
            if type(stmt) is cst.With:
                for item in stmt.items:
                    if isinstance(item.item, cst.Call) and _last(item.item.func) == "device":
                        self._setters.append(item.item)
            self._compound(stmt, fn, cls)
        elif type(stmt) is cst.Match:
            for case in stmt.cases:
                self._suite(case.body, fn, cls)

    def _suite(
        self, suite: cst.BaseSuite, fn: FunctionFacts | None, cls: ClassFacts | None
    ) -> None:
        self.body(suite.body, fn, cls)

    def _compound(
        self, stmt: cst.BaseCompoundStatement, fn: FunctionFacts | None, cls: ClassFacts | None
    ) -> None:
        self._suite(stmt.body, fn, cls)
        for attr in ("orelse", "finalbody"):
            extra = getattr(stmt, attr, None)
            if isinstance(extra, cst.If):  # elif
                self.statement(extra, fn, cls)
            elif extra is not None:
                self._suite(extra.body, fn, cls)
        for handler in getattr(stmt, "handlers", ()):
            self._suite(handler.body, fn, cls)

    def _class(self, node: cst.ClassDef) -> None:
        bases = []
        for arg in node.bases:
            # (``Generic[T]`` by its text; ``object`` is no base: ``class Trainer(object)``
            # is a plain class, as the screen reads it)
            text = self.imports.qualify(arg.value) or dotted(arg.value)
            if text != "object":
                bases.append(text or cst.Module([]).code_for_node(arg.value))
        facts = ClassFacts(node=node, bases=bases)
        self.classes[node] = facts
        self._suite(node.body, None, facts)

    def _function(
        self, node: cst.FunctionDef, outer: FunctionFacts | None, cls: ClassFacts | None
    ) -> None:
        if cls is not None:
            cls.methods.add(node.name.value)
        elif outer is not None:
            cls = outer.cls  # a closure inside a method still sees self
        facts = FunctionFacts(node=node, cls=cls)
        p = node.params
        for param in (*p.posonly_params, *p.params, *p.kwonly_params):
            facts.params.append(param.name.value)
        for star in (p.star_arg, p.star_kwarg):
            if isinstance(star, cst.Param):
                facts.params.append(star.name.value)
        self.functions[node] = facts
        self._suite(node.body, facts, None)

    def _record(
        self, target: cst.BaseExpression, value: cst.BaseExpression, fn: FunctionFacts | None
    ) -> None:
        if isinstance(target, cst.Name):
            if fn is not None:
                fn.assignments.setdefault(target.value, []).append(value)
            else:
                self.module_assignments.setdefault(target.value, []).append(value)
        elif (
            isinstance(target, cst.Attribute)
            and isinstance(target.value, cst.Name)
            and target.value.value == "self"
            and fn is not None
            and fn.cls is not None
        ):
            fn.cls.self_attrs.setdefault(target.attr.value, []).append(value)


def _subscript_text(node: cst.Subscript) -> str:
    """The string keys of ``os.environ["..."]``."""
    return " ".join(
        str(e.slice.value.evaluated_value)
        for e in node.slice
        if isinstance(e.slice, cst.Index) and isinstance(e.slice.value, cst.SimpleString)
    )


def collect(module: cst.Module) -> _Collector:
    """The facts of ``module``'s statements, as the collector gathered them."""
    collector = _Collector()
    collector.body(module.body, None, None)
    return collector


def _holds(root: cst.CSTNode, node: cst.CSTNode) -> bool:
    """``node`` is ``root`` or inside it."""
    return root is node or any(_holds(child, node) for child in root.children)


def _unpacked(
    target: cst.BaseExpression, value: cst.BaseExpression
) -> list[tuple[cst.BaseExpression, cst.BaseExpression]]:
    """``a, b = 1, 2`` as the pairs it binds; ``a = x`` as one."""
    if isinstance(target, (cst.Tuple, cst.List)) and isinstance(value, (cst.Tuple, cst.List)):
        if len(target.elements) == len(value.elements):
            return [
                (t.value, v.value) for t, v in zip(target.elements, value.elements, strict=True)
            ]
        return []
    return [(target, value)]
