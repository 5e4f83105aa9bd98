"""The evidence of a file: the tags of each unit, with the units that call each other
screened as one; which rules may match (``may_match``) and in which units none can
(``idle``)."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Sequence

from torchlint.analysis.project import (
    MAX_HOPS,
    MAX_PROJECT_FILE,
    bound_names,
    locate,
    module_file,
)
from torchlint.analysis.torch_api import optimizer_class
from torchlint.lint.source import SourceError, read
from torchlint.screen.file import File
from torchlint.screen.tags import (
    ACCELERATOR,
    ATTACHES,
    CALLABLE_MODULE,
    COPY_CALL,
    CPU_DATA,
    CPU_TABLE_OUT,
    DATASET_ITEMS,
    DTYPE_BY_NAME,
    DTYPE_PARAMETER,
    DTYPE_RESULT,
    FACTORY_WITHOUT_DEVICE,
    FLOAT64,
    HALF,
    HALF_CAST,
    HANDED_PLACED,
    INDEXES_GIVEN,
    INDEXLESS_TYPE,
    INIT_MODULE_CONTAINER,
    INIT_TENSOR_ATTR,
    LATE_MODULE,
    LEGACY_CONSTRUCTOR,
    LIGHTNING_PLACED,
    NUMPY_DATA,
    PARAMETER_SOURCE,
    PARAMETER_STATE,
    PLACED_MODULE,
    RESULT_ATTACHED,
    RESULT_HANDED,
    RETURNS_PLACED,
    RETYPE,
    SAVE,
    TARGET_DTYPE,
    TENSOR_INDEX,
    TO_TORCH,
    TORCH_LOAD,
)
from torchlint.screen.trees import dotted, lightning_step, within
from torchlint.screen.units import Unit

Method = ast.FunctionDef | ast.AsyncFunctionDef

# Smaller classes are screened whole: splitting them saves little parsing.
MIN_SPLIT_CLASS = 80


class Evidence:
    """The tags of each unit of one file. With the file's ``path``, a call from an
    entry (the module body, a function) into another file of the project brings the
    tags of what it calls there: the flow analysis follows such calls."""

    def __init__(
        self,
        tree: ast.Module,
        path: str | None = None,
        triggers: Iterable[str] = (),
        module_body: bool = True,
        hops: int = 0,
    ) -> None:
        """``module_body=False``: the tags of the defs as a call from another file
        enters them, with what the module body's assignments bind but not the rest
        of it (the flow analysis does not walk the body of a file it is led into). ``hops``: how many files away
        from the linted one this file is (what it calls in other files counts up to
        ``MAX_HOPS``, as the flow analysis follows it)."""
        file = File(tree, path)
        module_level = Unit(file)
        defs: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef] = []
        for stmt in tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                defs.append(stmt)
            elif module_body or isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                # (Entered from another file, only the module-level assignments: the
                # flow gives a def the data they bind, ``analysis/bindings.py``; the
                # rest of a package's __init__.py, say, nothing reads.)
                module_level.walk(stmt)
        module_level.finish()
        # The module body is called by nothing: what it attaches to is its own.
        module_level.tags.discard(ATTACHES)
        imported = file.imports.keys() | file.relative.keys()
        # The text of the other files of the project whose code this file's tags now
        # include: a rule's text triggers may be there.
        self.elsewhere: set[str] = set()
        # The other files of the project whose defs' tags this file's tags include:
        # a result the screen decided holds while they are unchanged.
        self.consulted: set[str] = set()
        triggers = frozenset(triggers)

        def elsewhere(unit: Unit) -> set[str]:
            if path is None or not imported or hops >= MAX_HOPS:
                return set()
            called = [n for n in unit.called if n.split(".", 1)[0] in imported]
            read = [n for n in unit.named if n in imported]
            return _called_elsewhere(
                file, called, triggers, self.elsewhere, self.consulted, hops + 1
            ) | _read_elsewhere(file, read, triggers, self.elsewhere, self.consulted, hops + 1)

        module_level.tags |= elsewhere(module_level)
        self.defs: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef] = defs
        units = []
        # A large class is walked a part at a time (idle() may screen its methods
        # one by one), its unit the sum of the parts.
        self._parts: dict[int, tuple[Unit, list[tuple[Method, Unit]]]] = {}
        for i, stmt in enumerate(defs):
            unit = Unit(file)
            unit.in_class = isinstance(stmt, ast.ClassDef)
            if _large_class(stmt):
                assert isinstance(stmt, ast.ClassDef)
                parts = self._parts[i] = _walk_parts(stmt, file)
                for part in (parts[0], *(u for _, u in parts[1])):
                    unit.merge(part)
            else:
                unit.walk(stmt)
            if unit.dtype_names & unit.params:
                unit.tags.add(DTYPE_PARAMETER)
            units.append(unit)
            _inherit(unit, module_level)
        # The flow analysis follows calls between the file's functions (and from
        # the module body into them), and a Dataset class's items into the loops
        # that read them: units that call each other are screened as one.
        # (A class of the file is followed too: its __init__ when it is made, its
        # methods when they are called, a module's forward when the module is.)
        # Only from an entry: the module body, the file's functions and its classes
        # with no base (what the methods of any other class call is not followed, as
        # in the flow analysis).
        index = {d.name: i for i, d in enumerate(defs)}
        # (A function named without a call, ``make = build_batch``, may be called
        # through the other name: the flow analysis follows it there too.)
        functions = {d.name: i for i, d in enumerate(defs) if not isinstance(d, ast.ClassDef)}
        # (``Net.load(path)``: a classmethod or staticmethod of the file's class.)
        classes = {d.name: i for i, d in enumerate(defs) if isinstance(d, ast.ClassDef)}

        def reads(unit: Unit) -> set[int]:
            return (
                {index[n] for n in unit.called if n in index}
                | {functions[n] for n in unit.named if n in functions}
                | {classes[c] for n in unit.called if (c := n.split(".", 1)[0]) in classes}
            )

        edges = [reads(unit) for unit in units]
        # The file's own torch.optim optimizer, built: it may make its state as it
        # is built (analysis/optimizers.py).
        optimizers = {
            d.name
            for d in defs
            if isinstance(d, ast.ClassDef)
            and any(optimizer_class(file.qualify(dotted(b) or "")) for b in d.bases)
        }
        for unit in (module_level, *units) if optimizers else ():
            if unit.called & optimizers:
                unit.tags.add(PARAMETER_STATE)
        for i, definition in enumerate(defs):
            if isinstance(definition, ast.ClassDef):
                # (its methods run its bases' methods of the file: super().__init__())
                edges[i] |= {classes[n] for b in definition.bases if (n := dotted(b)) in classes}
        group = list(range(len(units)))

        def find(i: int) -> int:
            while group[i] != i:
                group[i] = group[group[i]]
                i = group[i]
            return i

        reached: set[int] = set()
        # (A plain class, no base, is walked as an entry too: its methods are script
        # code, a trainer's or an evaluator's, that calls the file's functions.)
        # (Lightning's hooks too: Lightning calls them, and they follow the file's code.)
        entries = [
            i
            for i, d in enumerate(defs)
            if not isinstance(d, ast.ClassDef) or _plain(d) or d.name in file.lightning
        ]
        for start in [-1, *entries]:
            todo = list(reads(module_level)) if start < 0 else [start]
            seen = set(todo)
            while todo:
                i = todo.pop()
                for j in edges[i] - seen:
                    seen.add(j)
                    todo.append(j)
            reached |= seen - {start}
            first = start if start >= 0 else min(seen, default=-1)
            for j in seen:
                if first >= 0:
                    group[find(j)] = find(first)
        for i, definition in enumerate(defs):
            # A subclass uses what its base's construction made: a base's plain
            # tensor read in the subclass's forward is TL301's, so the subclass keeps
            # its methods where the base has one. (Bases come first in a file.)
            if isinstance(definition, ast.ClassDef) and any(
                (n := dotted(b)) in classes and INIT_TENSOR_ATTR in units[classes[n]].tags
                for b in definition.bases
            ):
                units[i].tags.add(INIT_TENSOR_ATTR)
        for i, definition in enumerate(defs):
            # A plain class's methods see the modules its __init__ made as made
            # (analysis/flow.py): the classes it makes are screened with it.
            if isinstance(definition, ast.ClassDef) and _plain(definition):
                for j in edges[i]:
                    if isinstance(defs[j], ast.ClassDef):
                        group[find(j)] = find(i)
        for i, unit in enumerate(units):
            unit.finish(called=i in reached or not module_body)
            definition = defs[i]
            if (
                not isinstance(definition, ast.ClassDef)
                or _plain(definition)
                or i in reached
                or not module_body
            ):
                # (an entry reaches a class, or another file makes it: its methods'
                # calls are followed too, into other files of the project as well)
                unit.tags |= elsewhere(unit)
            if _dataset_class(definition):
                # A Dataset class of the file: a DataLoader over it yields CPU batches
                # (default collate), whatever its items are (``Walk.cpu_datasets``
                # in analysis/walk.py).
                unit.tags |= {CPU_DATA, DATASET_ITEMS}
        if not module_body:
            # Entered from another file: a def's tags are its own and those of what it
            # reaches in this file (not of its siblings, as a group would have them).
            self.module_level: frozenset[str] = frozenset()
            self.units: list[frozenset[str]] = []
            for unit in units:
                if unit.late_self_attach:
                    unit.tags.add(LATE_MODULE)  # the caller may have placed the instance
            for i in range(len(units)):
                seen, todo = {i}, [i]
                while todo:
                    for k in edges[todo.pop()] - seen:
                        seen.add(k)
                        todo.append(k)
                self.units.append(_joined(set().union(*(units[j].tags for j in seen))))
            # What the module-level assignments bind, read by name from another file
            # (``from data_loader import train_loader``): their tags and those of the
            # defs they call (the flow walks them, ``analysis/bindings.py``), and the
            # names they bind.
            called = {index[n] for n in module_level.called if n in index}
            called |= {
                classes[c] for n in module_level.called if (c := n.split(".", 1)[0]) in classes
            }
            self.data = _joined(module_level.tags.union(*(self.units[i] for i in called)))
            self.bound = frozenset(n for stmt in tree.body for n in bound_names(stmt))
            return
        members: dict[int, int] = {}
        for i in range(len(units)):
            members[find(i)] = members.get(find(i), 0) + 1
        lone = {i for i in self._parts if members[find(i)] == 1}
        tags: dict[int, set[str]] = {}
        for i, unit in enumerate(units):
            tags.setdefault(find(i), set()).update(unit.tags)
        own = [frozenset(unit.tags) for unit in units]
        # TL301 reads what a helper of the file returns to a class's __init__: the
        # functions a class with such an attribute calls are kept for it. (Only that
        # tag, one way: grouping the classes with the helpers they call would join
        # every class of a modeling file through one shared helper.)
        # TL302 likewise reads what a helper returns into a container.
        for i, definition in enumerate(defs):
            if not isinstance(definition, ast.ClassDef):
                continue
            # (and the functions module-level data it reads calls: PRIORS =
            # make_priors() of the file, read as self.priors = PRIORS)
            data = {functions[n] for n in file.data_reads(units[i].named) if n in functions}
            for tag in (INIT_TENSOR_ATTR, INIT_MODULE_CONTAINER):
                if tag in units[i].tags:
                    for j in edges[i] | (data if tag == INIT_TENSOR_ATTR else set()):
                        if not isinstance(defs[j], ast.ClassDef):
                            tags[find(j)].add(tag)
            if INIT_TENSOR_ATTR in units[i].tags and units[i].module_reads:
                # (and what may change that data: ``global PRIORS`` in a function,
                # ``config.priors = ...``: TL301 reads no binding they change)
                read = units[i].module_reads
                heads = {r.partition(".")[0] for r in read} | file.data_reads(read)
                for j, unit in enumerate(units):
                    if (
                        unit.declared_global & heads
                        or {a.partition(".")[0] for a in unit.set_attributes} & heads
                    ):
                        tags[find(j)].add(INIT_TENSOR_ATTR)
        # TL401 and TL402 read what a method of a plain class a module class keeps
        # returns to its forward (``self.sampler.draw(n)``, checks/_helper_made.py):
        # the module class has the tags of the tensors such a class makes.
        for i, definition in enumerate(defs):
            if isinstance(definition, ast.ClassDef) and not _plain(definition):
                for j in edges[i]:
                    helper = defs[j]
                    if isinstance(helper, ast.ClassDef) and _plain(helper):
                        tags[find(i)].update(units[j].tags & _HELPER_MADE)
        # (a plain class's methods are walked as entries, with the modules its
        # __init__ made and placed: the classes it makes are in its group, above)
        plain = {find(i) for i, d in enumerate(defs) if isinstance(d, ast.ClassDef) and _plain(d)}
        for i, unit in enumerate(units):
            # A method of a class an entry reaches attaches a module to self; the
            # entry may have placed the instance first.
            group_tags = tags[find(i)]
            entered = i in reached or find(i) in plain
            if entered and unit.late_self_attach and PLACED_MODULE in group_tags:
                group_tags.add(LATE_MODULE)
        # TL502 trusts a load of the file another unit writes (analysis/saves.py, "a
        # file this module writes"): where a unit loads, the units that save are kept.
        if any(TORCH_LOAD in group_tags for group_tags in tags.values()):
            for group_tags in tags.values():
                if SAVE in group_tags:
                    group_tags.add(TORCH_LOAD)
        # An entry (a function, the module body) that calls a module and moves
        # something to a device may call it with inputs on that device, placed or
        # not: what its forward makes on the CPU meets them (TL204). So may a plain
        # class (no base), whose methods see its attributes as __init__ left them.
        # (A parameter it calls may be a module its caller made: ``model(x.to(d))``
        # in ``evaluate(model, loader)``.)
        # (In a plain class, an attribute it calls may hold a module a helper of the
        # file made: ``self.model = build()``.) The device may be named by another unit
        # of its group (the module body makes the input there and hands it over).
        for i, definition in enumerate(defs):
            entry = not isinstance(definition, ast.ClassDef) or _plain(definition)
            held = units[i].params
            if isinstance(definition, ast.ClassDef):
                held = held | {a for a in units[i].assigned if a.startswith("self.")}
                calls = any(within(c, held) for c in units[i].called)  # self.model.embed(x)
            else:
                # (or what a call gave it: model = load(path); model(x); or a part of
                # a model it is given: model.retriever(ids))
                given = held | units[i].from_calls
                calls = any(within(c, given) for c in units[i].called)
            calls = calls or CALLABLE_MODULE in own[i]
            if entry and calls and ACCELERATOR in tags[find(i)]:
                tags[find(i)].add(PLACED_MODULE)
        # What the module body calls runs in its context: its tags are the body's.
        # (It is an entry too: a module it calls may run code of those that names a
        # device, ``.to(self.device)`` in a part's forward.)
        reached_tags = set().union(
            *(tags[find(index[n])] for n in module_level.called if n in index)
        )
        if CALLABLE_MODULE in module_level.tags and ACCELERATOR in module_level.tags | reached_tags:
            module_level.tags.add(PLACED_MODULE)
        module_level.tags |= reached_tags
        self.module_level = _joined(module_level.tags)
        self.units = [_joined(tags[find(i)] | module_level.tags) for i in range(len(units))]
        # A class no other code of the file reaches (no entry calls it, nothing names
        # it: no subclass, no instance) is walked by the flow analysis one method at a
        # time, each with __init__ and the methods it calls on self. Its methods can be
        # screened one by one; what its tags have from outside it stays with each.
        namers: dict[str, set[int]] = {}
        for j, unit in enumerate(units):
            for n in unit.named:
                namers.setdefault(n, set()).add(j)
        self._file, self._module_unit = file, module_level
        # index -> the tags the class has from outside it
        self._methods_of: dict[int, frozenset[str]] = {
            i: self.units[i] - own[i]
            for i in lone
            if i not in reached
            and defs[i].name not in module_level.named
            and namers.get(defs[i].name, set()) <= {i}
        }

    def may_match(self, needs: Iterable[str]) -> bool:
        needed = set(needs)
        if not needed or needed <= self.module_level:
            return True
        return any(needed <= tags for tags in self.units)

    def idle(
        self,
        needs: Sequence[frozenset[str]],
        whole: Sequence[frozenset[str]] = (),
        kept: frozenset[str] = frozenset(),
    ) -> list[ast.stmt]:
        """The top-level ``def``s and ``class``es that carry none of ``needs`` (the
        needs of the rules that passed): no rule can report inside them. In a class
        that is screened method by method, the methods that carry none of them, unless
        a rule that reads whole classes (``whole``) may match in it. A unit with a tag
        of ``kept`` (a file-wide fact a rule reads) is never idle."""
        if any(n <= self.module_level for n in needs):
            return []
        out: list[ast.stmt] = []
        for i, (d, tags) in enumerate(zip(self.defs, self.units, strict=True)):
            if tags & kept:
                continue
            if not any(n <= tags for n in needs):
                out.append(d)
            elif i in self._methods_of and not any(n <= tags for n in whole):
                out += self._idle_methods(i, needs)
        return out

    def _idle_methods(self, i: int, needs: Sequence[frozenset[str]]) -> list[ast.stmt]:
        cls, outside = self.defs[i], self._methods_of[i]
        file, module_level = self._file, self._module_unit
        shell, parts = self._parts[i]
        walked: dict[str, list[Unit]] = {}
        for method, unit in parts:
            walked.setdefault(method.name, []).append(unit)
        # A method the flow analysis walks on its own reaches __init__ and what it
        # calls on self; the methods a kept one reaches are walked with it, kept too.
        kept: set[str] = {"__init__"}
        for name in [n for n in walked if n not in kept]:
            reach, todo = {name, "__init__"} & walked.keys(), [name]
            while todo:
                for k in {a for u in walked[todo.pop()] for a in u.on_self} & walked.keys() - reach:
                    reach.add(k)
                    todo.append(k)
            # The class as the flow analysis walks this method: its class-level
            # code, __init__, the method and what it reaches on self.
            unit = Unit(file)
            unit.merge(shell)
            for k in sorted(reach):
                for part in walked[k]:
                    unit.merge(part)
            _inherit(unit, module_level)
            unit.finish()
            dataset = {CPU_DATA, DATASET_ITEMS} if _dataset_class(cls) else set()
            tags = _joined(unit.tags | outside | module_level.tags | dataset)
            if any(n <= tags for n in needs):
                kept |= reach
        return [m for m, _ in parts if m.name not in kept]


_THROUGH_CALLS = frozenset({ATTACHES, HANDED_PLACED})
# What a plain helper's method may make for a module's forward (above).
_HELPER_MADE = frozenset({FACTORY_WITHOUT_DEVICE, LEGACY_CONSTRUCTOR})


def _joined(tags: set[str]) -> frozenset[str]:
    """The tags of units screened together: a placed module handed to a function of
    the file is attached after placement if one of them can attach, a ``type_as``
    may meet a tensor put on a chosen GPU where one of them puts something on a
    device, and a DataLoader over a Dataset of the file collates numpy float64 into
    tensors, and a half dtype reaches a cast through a parameter (``tags.py``)."""
    joined = set(tags)
    if DATASET_ITEMS in tags and NUMPY_DATA in tags:
        joined |= {FLOAT64, TARGET_DTYPE}
    if TO_TORCH in tags and NUMPY_DATA in tags:
        joined.add(FLOAT64)
    if CPU_TABLE_OUT in tags and INDEXES_GIVEN in tags:
        joined.add(TENSOR_INDEX)
    if HANDED_PLACED in tags and ATTACHES in tags:
        joined.add(LATE_MODULE)
    if RETURNS_PLACED in tags and RESULT_ATTACHED in tags:
        joined.add(LATE_MODULE)  # model = load(device); model.head = nn.Linear(...)
    if RETURNS_PLACED in tags and RESULT_HANDED in tags and ATTACHES in tags:
        joined.add(LATE_MODULE)  # model = load(device); Patcher().patch(model)
    if COPY_CALL in tags and PARAMETER_SOURCE in tags:
        joined.add(PARAMETER_STATE)  # p.clone() where parameters are reached
    if DTYPE_PARAMETER in tags and HALF in tags:
        joined.add(HALF_CAST)  # a half dtype handed to the function that casts with it
    if DTYPE_BY_NAME in tags and HALF in tags:
        joined.add(HALF_CAST)  # getattr(torch, cfg["dtype"]) of {"dtype": "float16"}
    if DTYPE_RESULT in tags and HALF in tags:
        joined.add(HALF_CAST)  # dtype = weight_dtype_for(precision): return torch.float16
    if RETYPE in tags and ACCELERATOR in tags:
        joined.add(INDEXLESS_TYPE)  # x.type_as(t), t moved in a unit screened with it
    return frozenset(joined)


def _dataset_class(definition: ast.stmt) -> bool:
    return isinstance(definition, ast.ClassDef) and any(
        (dotted(b) or "").endswith("Dataset") for b in definition.bases
    )


def _large_class(definition: ast.stmt) -> bool:
    return (
        isinstance(definition, ast.ClassDef)
        and definition.end_lineno is not None
        and definition.end_lineno - definition.lineno >= MIN_SPLIT_CLASS
    )


def _walk_parts(cls: ast.ClassDef, file: File) -> tuple[Unit, list[tuple[Method, Unit]]]:
    """The class without its methods (bases, decorators, class-level code), and each
    method with its walk."""
    shell = Unit(file)
    shell.in_class = True
    shell.walk(
        ast.ClassDef(
            name=cls.name,
            bases=cls.bases,
            keywords=cls.keywords,
            body=[
                s for s in cls.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))
            ],
            decorator_list=cls.decorator_list,
        )
    )
    methods: list[tuple[Method, Unit]] = []
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            methods.append((stmt, Unit(file)))
            if cls.name not in file.classes:
                methods[-1][1].plain_class(cls)
            if cls.name in file.lightning and lightning_step(stmt):
                methods[-1][1].tags |= LIGHTNING_PLACED
            methods[-1][1].in_class = True
            methods[-1][1].walk(stmt)
    return shell, methods


def _inherit(unit: Unit, module_level: Unit) -> None:
    """What the module body set up is visible in every function."""
    unit.tags |= module_level.tags
    unit.dtype_values(module_level.valued)  # DTYPE = torch.float16; x.to(DTYPE) in a def
    unit.modules |= module_level.modules
    unit.moved |= module_level.moved
    unit.shared |= module_level.shared
    unit.alias_pairs += module_level.alias_pairs
    unit.arguments |= module_level.arguments
    unit.assigned |= module_level.assigned
    unit.numpy_data |= module_level.numpy_data
    unit.converted |= module_level.converted
    unit.class_holders |= module_level.class_holders
    unit.to_torch |= module_level.to_torch


def _plain(cls: ast.ClassDef) -> bool:
    """A class with no base (``object`` is none): its methods are script code."""
    return all(isinstance(b, ast.Name) and b.id == "object" for b in cls.bases)


def project_imports(tree: ast.Module, path: str) -> bool:
    """The file imports something from another file of the project (a name of it,
    or the module itself: ``import networks``, then ``networks.define_G(...)``)."""
    file = File(tree)
    found = [*file.relative.values(), *((0, target) for target in file.imports.values())]
    return any(
        locate(path, level, target) is not None or module_file(path, level, target) is not None
        for level, target in found
    )


# path -> ((mtime_ns, size, the triggers asked for, hops), (the triggers its text
# and the files it calls into hold, the tags of each top-level def by name, and
# the files it calls into with their (mtime_ns, size)))
_Stamp = tuple[int, int]
_Defs = tuple[frozenset[str], dict[str, frozenset[str]], dict[str, _Stamp]]
_FILES: dict[str, tuple[tuple[int, int, frozenset[str], int], _Defs]] = {}


def _called_elsewhere(
    file: File,
    called: Iterable[str],
    triggers: frozenset[str],
    found_triggers: set[str],
    consulted: set[str],
    hops: int,
) -> set[str]:
    """The tags of what ``called`` names in other files of the project (``hops``
    files away from the linted one); which of ``triggers`` their text holds goes to
    ``found_triggers``."""
    out: set[str] = set()
    for name in called:
        found = file.project_target(name)
        if found is not None:
            consulted.add(found[0])
            # (a module of a package, reached by a relative import: no further, as
            # in the flow analysis)
            relative = name.split(".", 1)[0] in file.relative
            text_triggers, defs, beyond = _defs_of(
                found[0], triggers, MAX_HOPS if relative else hops
            )
            consulted.update(beyond)
            if found[1] in defs:
                # (What it may attach to what it is handed: Unit.handed_away.)
                out |= defs[found[1]] - _THROUGH_CALLS
                found_triggers |= text_triggers
    return out


# The keys of ``_defs_of``'s answer under which a file's module-level data and the
# names it binds are (no def has these names).
_MODULE_DATA, _MODULE_BOUND = "<module>", "<bound>"


def _read_elsewhere(
    file: File,
    read: Iterable[str],
    triggers: frozenset[str],
    found_triggers: set[str],
    consulted: set[str],
    hops: int,
) -> set[str]:
    """The tags of the module-level data of other files of the project that ``read``
    names (``from data_loader import train_loader``; ``import config`` for
    ``config.priors``); which of ``triggers`` their text holds goes to
    ``found_triggers``."""
    out: set[str] = set()
    assert file.path is not None
    for name in read:
        found = file.project_target(name)
        path = found[0] if found is not None else None
        if path is None:  # ``import config``: the module itself
            level, target = file.relative.get(name) or (0, file.imports.get(name, ""))
            path = module_file(file.path, level, target) if target else None
        if path is None:
            continue
        consulted.add(path)
        relative = name in file.relative
        text_triggers, defs, beyond = _defs_of(path, triggers, MAX_HOPS if relative else hops)
        consulted.update(beyond)
        if found is not None and found[1] not in defs.get(_MODULE_BOUND, frozenset()):
            continue  # (a def, a class or an import of that file: not its data)
        out |= defs.get(_MODULE_DATA, frozenset()) - _THROUGH_CALLS
        found_triggers |= text_triggers
    return out


def _defs_of(path: str, triggers: frozenset[str], hops: int) -> _Defs:
    """Which of ``triggers`` the text of the file at ``path`` holds, the tags of
    each of its top-level ``def``s and ``class``es (with what they call in the
    files it imports from, up to ``MAX_HOPS`` from the linted file), and those
    files."""
    stat = _stat(path)
    if stat is None:
        return frozenset(), {}, {}
    stamp = (*stat, triggers, hops)
    known = _FILES.get(path)
    if (
        known is not None
        and known[0] == stamp
        and all(_stat(p) == was for p, was in known[1][2].items())
    ):
        return known[1]
    if stat[1] > MAX_PROJECT_FILE:
        return frozenset(), {}, {}
    try:
        text = read(path, max_size=0).text
        evidence = Evidence(ast.parse(text), path, triggers, module_body=False, hops=hops)
        defs = {d.name: tags for d, tags in zip(evidence.defs, evidence.units, strict=True)}
        defs[_MODULE_DATA] = evidence.data
        defs[_MODULE_BOUND] = evidence.bound
        present = frozenset(t for t in triggers if t in text) | evidence.elsewhere
        beyond = {p: s for p in evidence.consulted if (s := _stat(p)) is not None}
    except (OSError, SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
        present, defs, beyond = frozenset(), {}, {}
    _FILES[path] = (stamp, (present, defs, beyond))
    return present, defs, beyond


def _stat(path: str) -> _Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size
