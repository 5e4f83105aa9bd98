"""``Walk``: what the walk of one file keeps across the scopes it walks (the file's
classes and functions, the instances made, the files of the project it entered,
the observations), and the class helpers every part of the walk shares."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from typing import NamedTuple, Protocol

import libcst as cst

from torchlint.analysis import batches
from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.observations import FlowFacts
from torchlint.analysis.project import MAX_HOPS, Home, resolve
from torchlint.analysis.torch_api import dtype_only
from torchlint.analysis.values import CLASS, IMPORTED, Event, Kind, PartCast, Place, Value, carried
from torchlint.lint.traverse import nodes


class Names(Protocol):
    """What the walk keeps of a scope (``scope.Scope``): the values its names hold."""

    env: dict[str, Value]


def class_methods(cls: ClassFacts) -> list[cst.FunctionDef]:
    """The methods of ``cls`` (functions of its own body), in order."""
    out = []
    for stmt in cls.node.body.body:
        if isinstance(stmt, cst.FunctionDef):
            out.append(stmt)
    return out


def runs_itself(methods: dict[str, cst.FunctionDef], name: str) -> bool:
    """A method of a module class whose body runs the module's own layers
    (``vae.decode(z)``): it calls ``self(...)``, ``self.forward(...)``, a part
    (``self.decoder(z)``: an attribute that is no method of the class), or another
    method that does."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        fn = methods.get(todo.pop())
        if fn is None or fn.name.value in seen:
            continue
        seen.add(fn.name.value)
        for call in nodes(fn.body, cst.Call):
            func = call.func
            if isinstance(func, cst.Name) and func.value == "self":
                return True
            if (
                isinstance(func, cst.Attribute)
                and isinstance(func.value, cst.Name)
                and func.value.value == "self"
            ):
                attr = func.attr.value
                if attr == "forward" or attr not in methods:
                    return True
                todo.append(attr)
    return False


class Late(NamedTuple):
    """Something new attached to a placed model (a submodule, or a buffer or a
    parameter made on the CPU), judged at the end of the outermost walk, where later
    moves of the model are seen."""

    ident: int  # the placed model's
    seen: int  # how many events (but "pass") the model had then
    parent: str  # the path it was attached to (the model or a part of it)
    placement: Event  # the model's placement it came after
    what: str = "module"  # "module", "buffer" or "parameter"
    name: str = ""  # of a buffer or a parameter: its attribute name
    foreign: bool = False  # attached in another file of the project
    in_forward: bool = False  # by a forward a module call ran (not a method of it)


class Walk:
    """What the walk of one file keeps across the scopes it walks."""

    def __init__(self, analysis: FileFacts) -> None:
        self.facts = FlowFacts()
        # The lambdas the walk met, by the ident of their FUNCTION value, and those
        # being called now (a lambda that calls itself by its name is not followed).
        self.lambdas: dict[int, cst.Lambda] = {}
        self.in_lambda: set[int] = set()
        # The scope that made each lambda: its body reads that scope's names (a
        # closure), also where another function of the file it was handed to calls it.
        self.lambda_homes: dict[int, object] = {}
        # The file whose names the walk reads now: the linted file, or a file of the
        # project while a call into it is followed (``within``).
        self.home = self.own = Home.of(analysis)
        self.analysis = analysis
        # The reads of batches of unknown kind whose other entries a function moves
        # (``analysis/batches.py``), by node id, per file (by id of its facts).
        self._batch_entries: dict[int, frozenset[int]] = {}
        self.local_modules = self.home.local_modules
        self.cpu_datasets = self.home.cpu_datasets
        self.local_classes = self.home.local_classes
        self.top_functions = self.home.top_functions
        # Functions defined inside a function, by the ident of the value their name
        # holds: a call of one is followed with the enclosing scope's names visible.
        # (with the scope that defined it: called after that scope's walk ended, it
        # sees the names as the scope left them)
        self.closures: dict[int, tuple[cst.FunctionDef, Names]] = {}
        # The classes of other files whose instances the walk made.
        self.homes: dict[ClassFacts, Home] = {}
        # The module classes of the project the walk made instances of, by the origin
        # those carry (``local:Net``, ``local:network.SegNetwork``): a method called
        # on an instance made outside the walk that follows constructions (in
        # ``__init__``) is walked with its class.
        self.module_classes: dict[str, ClassFacts] = {}
        # The files of the project the walk read (the linted file's result depends
        # on them), and the call of the linted file that entered them.
        self.visited: list[Home] = []
        # What another file's module-level assignments bind (``bindings.py``), walked
        # once per walk: their moves and devices are facts of this walk's tables.
        self.bound: dict[Home, dict[str, Value]] = {}
        self._resolved: dict[tuple[str | None, str], tuple[Home, str] | None] = {}
        # How many files away from the linted one the walk reads names now, and the
        # files it reached by a relative import (``imported``).
        self.hops = 0
        self.package_files: set[str | None] = set()
        self.site: cst.CSTNode | None = None
        self.moved_away: dict[int, tuple[str, Event]] = {}
        self.pending_late: dict[cst.CSTNode, Late] = {}
        self.late_roots: dict[cst.CSTNode, str] = {}
        self.late_in_callee: dict[cst.CSTNode, bool] = {}
        # (the call that attached it, and the model's name there)
        self.late_calls: dict[cst.CSTNode, tuple[cst.CSTNode, str]] = {}
        # DataParallel wraps not yet placed nor called, with the wrapped module's
        # ident: a move before the first call places it in time.
        self.pending_wraps: dict[cst.Call, int] = {}
        # While a model placed on a device that falls back to the CPU runs (its
        # forward is followed from a call): that call, its callee, the move and the
        # expression that chose the device (``gpus.hard_coded``), and whether the move
        # was of the model's inputs (a model never moved runs where they are).
        self.fallback_run: tuple[cst.CSTNode, str, Event, cst.CSTNode, bool] | None = None
        # Tensors put on CUDA by name while modules are built (``__init__``, its
        # helpers), innermost construction last; and, by the module's ident, those its
        # construction made: moved to a device that falls back to the CPU, the model
        # was built with them (gpus.building).
        self.building: list[list[cst.CSTNode]] = []
        self.built_cuda: dict[int, list[cst.CSTNode]] = {}
        # How many branches only the GPU run takes enclose the statement walked now.
        self.gpu_guarded = 0
        # Tensors that surely have dimensions, by ident (``analysis/dims.py``).
        # Parameters a loop binds (``for p in model.parameters()``), by ident: how many
        # conditions that pick some parameters enclosed the loop (``analysis/recasts.py``).
        self.param_levels: dict[int, int] = {}
        self.globals: dict[str, Value] = {}
        # Per file (by its facts' id): the module-level names its functions move.
        self._moved_globals: dict[int, dict[str, set[cst.FunctionDef]]] = {}
        self.module_scope: Names | None = None  # while the module body is walked
        self.followed = 0  # calls followed into the file's own functions
        # Instances of the file's classes: their class and ``self.`` attributes.
        self.objects: dict[int, tuple[ClassFacts, dict[str, Value]]] = {}
        # Parts of a module cast on their own since the module was last cast as a
        # whole (``model.backbone.half()``), by (the module's ident, the attribute):
        # their dtype, which the module's methods see on ``self.backbone``.
        self.part_casts: dict[tuple[int, str], PartCast] = {}
        self._methods: dict[ClassFacts, dict[str, cst.FunctionDef]] = {}
        self._aside: dict[ClassFacts, frozenset[str]] = {}
        # Whether a function calls none of the project's own code (``Calls.leaf``).
        self.leaves: dict[cst.FunctionDef, bool] = {}
        self.near_leaves: dict[cst.FunctionDef, bool] = {}
        # The nodes of a recursive function, by id (``Calls.returned``).
        self.fn_nodes: dict[cst.FunctionDef, frozenset[int]] = {}
        # The containers each file's functions fill by key (``memos.py``).
        self.memo_stores: dict[Home, frozenset[str]] = {}

    @contextlib.contextmanager
    def gpu_run_only(self, only: bool) -> Iterator[None]:
        """While a branch only the GPU run takes is walked (when ``only``): what is
        put on CUDA there never runs without a GPU (``gpus.hard_coded``)."""
        self.gpu_guarded += only
        try:
            yield
        finally:
            self.gpu_guarded -= only

    @contextlib.contextmanager
    def within(self, home: Home | None, site: cst.CSTNode | None = None) -> Iterator[None]:
        """Read names as ``home`` (a file of the project) defines them, while a call
        into it is followed. What is observed there is observed at ``site``, the
        call of the linted file that led there (its own nodes are not in this file)."""
        if home is None or home is self.home:
            yield
            return
        saved = (self.home, self.analysis, self.globals, self.module_scope, self.site, self.hops)
        self.home, self.analysis = home, home.analysis
        self.hops = (
            0
            if home is self.own
            else MAX_HOPS
            if home.path in self.package_files
            else self.hops + 1
        )
        self.local_modules, self.cpu_datasets = home.local_modules, home.cpu_datasets
        self.local_classes, self.top_functions = home.local_classes, home.top_functions
        # What that file's module body binds: its data, as its kept assignments say.
        self.globals, self.module_scope = self.bindings_of(home), None
        if self.site is None:
            self.site = site
        self.facts.site = self.site if home is not self.own else None
        if home.path is not None and not any(h is home for h in self.visited):
            self.visited.append(home)
        try:
            yield
        finally:
            old = saved[0]
            self.home, self.analysis, self.globals, self.module_scope, self.site, self.hops = saved
            self.local_modules, self.cpu_datasets = old.local_modules, old.cpu_datasets
            self.local_classes, self.top_functions = old.local_classes, old.top_functions
            self.facts.site = self.site if old is not self.own else None

    def batch_entries(self) -> frozenset[int]:
        """``batches.entry_reads`` of the file whose names the walk reads now (of the
        linted file: kept in the facts, for the rules' messages)."""
        key = id(self.analysis)
        if key not in self._batch_entries:
            self._batch_entries[key] = batches.entry_reads(self.analysis)
            if self.analysis is self.own.analysis:
                self.facts.batch_entries = self._batch_entries[key]
        return self._batch_entries[key]

    def bindings_of(self, home: Home) -> dict[str, Value]:
        """What the module-level assignments of another file of the project bind,
        for its functions (``MEAN = np.array(..., dtype=np.float32)``)."""
        return {}

    def imported(self, name: str) -> tuple[Home, str] | None:
        """What ``name`` names in another file of the project, if anything. Up to
        ``MAX_HOPS`` files away from the linted one (as the screen): ``train.py``
        calls ``load_model`` of ``persistence.py``, which builds a class of
        ``classifier.py``."""
        if self.hops >= MAX_HOPS:
            return None
        key = (self.analysis.path, name)
        if key not in self._resolved:
            found = self._resolved[key] = resolve(self.analysis, name)
            if found is not None and name.partition(".")[0] in self.analysis.imports.relative:
                # A module of a package, reached by a relative import: its own calls
                # into the package are not followed (a walk through a library's
                # layers would cost more than it finds; a script's helpers import
                # each other by name).
                self.package_files.add(found[0].path)
        return self._resolved[key]

    def instance(self, value: Value) -> tuple[ClassFacts, dict[str, Value]] | None:
        """The class (and the attributes) of an instance the walk made; for a module
        made where constructions are not followed (``self.net`` of ``__init__``, read
        in another method), its class, its attributes unknown."""
        known = self.objects.get(value.ident)
        if known is None and value.ident and (cls := self.module_classes.get(value.origin)):
            known = self.objects[value.ident] = (cls, {})
        return known

    def home_of(self, cls: ClassFacts) -> Home | None:
        """The file a class of another file came from (None: the file walked now)."""
        return self.homes.get(cls)

    def reference(self, name: str) -> Value | None:
        """A function or a class of the file read by its name as a value
        (``metric=compute_metrics``, ``load(Net)``): called where it is passed, it
        runs as a call of that name would."""
        if name in self.top_functions:
            return Value(Kind.FUNCTION, origin=name)
        if name in self.local_modules or name in self.local_classes:
            return Value(Kind.FUNCTION, origin=CLASS + name)
        imports = self.analysis.imports
        if name in imports.names or name in imports.relative:
            found = self.imported(name)
            if found is not None and found[1] in found[0].top_functions:
                return Value(Kind.FUNCTION, origin=IMPORTED + name)
        return None

    def methods(self, cls: ClassFacts) -> dict[str, cst.FunctionDef]:
        """The methods an instance of ``cls`` runs: its own, and those it inherits
        from classes of its file (``class Chain(Stack)`` without an ``__init__``)."""
        if cls not in self._methods:
            self._methods[cls] = {}  # (a class that names itself as its base)
            found = self.inherited(cls)
            found.update((m.name.value, m) for m in class_methods(cls))
            self._methods[cls] = found
        return self._methods[cls]

    def aside(self, cls: ClassFacts) -> frozenset[str]:
        """The ``self.`` attributes that ``cls`` (or a base of its file) sets with
        ``object.__setattr__``: not registered, so not moved or cast with the instance."""
        if cls not in self._aside:
            self._aside[cls] = frozenset(cls.aside)  # (a class that names itself as its base)
            home = self.home_of(cls) or self.own
            bases = [home.class_named(name) for name in cls.bases]
            self._aside[cls] = frozenset(cls.aside).union(
                *(self.aside(b) for b in bases if b is not None and b is not cls)
            )
        return self._aside[cls]

    def inherited(self, cls: ClassFacts) -> dict[str, cst.FunctionDef]:
        """What the bases of ``cls`` among its file's classes give it (``super().m``)."""
        home = self.home_of(cls) or self.own
        found: dict[str, cst.FunctionDef] = {}
        for name in reversed(cls.bases):
            base = home.class_named(name)
            if base is not None and base is not cls:
                found.update(self.methods(base))
        return found

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
        out = {}
        for k, v in bindings.items():
            if not carried(v) or k.split(".", 1)[0] in shadowed:
                continue
            if (
                v.kind in (Kind.MODULE, Kind.WRAPPER)
                and v.device == Place.CPU
                and self._globals_moved().get(k, {fn}) - {fn}
            ):
                # A module-level model another function of the file moves in place
                # (``model.to(device)`` in ``train()``): this one may run before or
                # after that; where the model is here is not known (a caller that
                # moved it hands it over moved: ``calls._enter``).
                v = replace(v, device=Place.MAYBE)
            out[k] = v
        return out

    def _globals_moved(self) -> dict[str, set[cst.FunctionDef]]:
        """The module-level names the functions of the file move in place to a device
        (``model.to(device)``, ``model.cuda()``, or ``model = model.to(device)``
        under ``global model``), with the functions that do."""
        key = id(self.analysis)
        found = self._moved_globals.get(key)
        if found is None:
            found = self._moved_globals[key] = _globals_moved(self.analysis)
        return found


def _globals_moved(analysis: FileFacts) -> dict[str, set[cst.FunctionDef]]:
    """``walk._globals_moved``, read from the file's functions."""
    out: dict[str, set[cst.FunctionDef]] = {}
    for fn in analysis.functions.values():
        declared = {
            name.name.value for stmt in nodes(fn.node.body, cst.Global) for name in stmt.names
        }
        local = (set(fn.params) | set(fn.assignments)) - declared
        for call in nodes(fn.node.body, cst.Call):
            func = call.func
            if (
                isinstance(func, cst.Attribute)
                and isinstance(func.value, cst.Name)
                and func.value.value not in local
                and _moves(func.attr.value, call)
            ):
                out.setdefault(func.value.value, set()).add(fn.node)
    return out


def _moves(method: str, call: cst.Call) -> bool:
    """``.cuda()``, or a ``.to(...)`` that is not a cast alone."""
    return method == "cuda" or (method == "to" and bool(call.args) and not dtype_only(call))
