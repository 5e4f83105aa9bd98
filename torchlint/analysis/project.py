"""The other files of the project: what ``from utils import wrap_ddp`` or ``from
.model import Net`` names, read from disk so that the flow analysis can follow a call
into them as it follows a call into the file's own functions.

A ``Home`` is one file as the flow walk reads names in it: its facts (imports,
functions, classes), its top-level functions and its classes by kind. The file being
linted has one; a file of the project that it imports gets one too, loaded once per
process and per version of the file (``load``), with its path, text and CPython tree
so that a finding can name a line in it ("line 36 of dist_utils.py").

Only what the project's own files define is followed: an import is resolved the way
Python would find it next to the importing file (``from .utils import x`` in its
package, ``from utils import x`` beside it or in a folder above it, ``from pkg.mod
import x`` below one of those). Anything else (torch, an installed package, a module
that is not there) stays a library call.
"""

from __future__ import annotations

import ast
import functools
import os
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.torch_api import mark_modules
from torchlint.lint.bodies import without_lines
from torchlint.lint.parsing import parse_module
from torchlint.lint.source import SourceError, file_digest, read
from torchlint.lint.traverse import nodes

# How far above the importing file's folder an absolute import is looked for
# (``from models.net import Net`` in ``tools/train.py`` of a repository's root).
_PARENTS = 2
# Larger files are not read for a call into them (generated tables, vendored code).
MAX_PROJECT_FILE = 400_000
# How far calls are followed into the other files of the project: a file the linted
# one imports from, and one that file imports from (the flow analysis and the screen).
MAX_HOPS = 2


def mentions_device(node: cst.CSTNode) -> bool:
    """``.to(``, ``.cuda(``, ``device=`` or a name with "device" anywhere under ``node``."""
    for sub in nodes(node, cst.Name):
        if sub.value in ("to", "cuda") or "device" in sub.value:
            return True
    return False


@dataclass(eq=False)
class Home:
    """One file, as a flow walk reads the names in it."""

    analysis: FileFacts
    top_functions: dict[str, cst.FunctionDef]
    local_modules: dict[str, ClassFacts]
    # Dataset classes of the file that never say a device: their items, and so a
    # DataLoader's batches (default collate), are CPU tensors.
    cpu_datasets: dict[str, ClassFacts]
    local_classes: dict[str, ClassFacts]
    # For a file of the project read from disk (None for the file being linted).
    path: str | None = None
    text: str = ""
    tree: ast.Module | None = None
    digest: str = ""
    _ids: set[int] | None = field(default=None, repr=False)
    # The names its module-level assignments bind (``train_loader = DataLoader(...)``),
    # which another file may import as data (a file of the project read from disk).
    bound: frozenset[str] = frozenset()
    # The names its module-level code binds other than by a top-level ``NAME = value``
    # (in an ``if`` body, a loop, an import, a ``def``; or declared ``global`` in a
    # function): what a read of its kept text cannot tell all of.
    loose: frozenset[str] = frozenset()
    # What each recursive converter of the file builds (``converters.py``), once.
    converters: dict[cst.FunctionDef, cst.Call | None] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, analysis: FileFacts) -> Home:
        module = analysis.module
        top = (
            {s.name.value: s for s in module.body if isinstance(s, cst.FunctionDef)}
            if module is not None
            else {}
        )
        cpu_datasets = {
            c.name: c
            for c in analysis.classes.values()
            if c.is_dataset and not mentions_device(c.node)
        }
        return cls(
            analysis=analysis,
            top_functions=top,
            local_modules={c.name: c for c in analysis.classes.values() if c.is_module},
            cpu_datasets=cpu_datasets,
            local_classes={
                c.name: c
                for c in analysis.classes.values()
                if not c.is_module and c.name not in cpu_datasets
            },
        )

    def defines(self, name: str) -> bool:
        return (
            name in self.top_functions or self.class_named(name) is not None or name in self.bound
        )

    def class_named(self, name: str) -> ClassFacts | None:
        """The file's top-level class of that name: a module, a Dataset or another."""
        return (
            self.local_modules.get(name)
            or self.cpu_datasets.get(name)
            or self.local_classes.get(name)
        )

    def owns(self, node: cst.CSTNode) -> bool:
        """``node`` is part of this file's tree."""
        if self._ids is None:
            assert self.analysis.module is not None
            self._ids = {id(n) for n in nodes(self.analysis.module, cst.CSTNode)}
        return id(node) in self._ids


# path -> ((mtime_ns, size), the names read so far, Home or None): each process keeps
# the last few files of the project it read, per version. Few: a parsed tree is
# millions of objects that each full collection of Python's garbage collector walks
# again. (At the default thresholds, keeping 32 made a library corpus 15% slower than
# keeping 4. At the batch runner's, half the library corpus linted largest file
# first read 204 files keeping 4 (10.6 s), 151 keeping 16 (8.3 s), 133 keeping 64
# (8.7 s); the peak memory grew by 7 MB from 4 to 16.)
_LOADED: OrderedDict[str, tuple[tuple[int, int], frozenset[str], Home | None]] = OrderedDict()
_KEEP = 16
# path -> ((mtime_ns, size), its outline or None): what CPython's parser says of the
# file's top-level statements, for many more files than the Homes (its text and a
# few numbers per statement; a twentieth of a LibCST parse to make).
_OUTLINES: OrderedDict[str, tuple[tuple[int, int], _Outline | None]] = OrderedDict()
_KEEP_OUTLINES = 256
# (folder, module) -> (the stamp of the folder it would be in, its file or None).
_FOUND: dict[tuple[str, str], tuple[int | None, str | None]] = {}


@dataclass(eq=False)
class _Outline:
    """A file of the project as CPython reads it, in a few numbers per top-level
    statement (its tree is not kept): its lines, whether a walk can enter it by a
    name (a top-level function; a class anywhere in a ``def`` or ``class``), which
    names it reads, and whether it holds an import or a definition."""

    text: str
    spans: list[tuple[int, int]]  # (first line, decorators included; last line)
    reads: list[frozenset[str] | None]  # a def or class: the names it reads
    holds: list[bool]  # another statement: an import, a def or a class is in it
    units: dict[str, list[int]]  # name -> the defs and classes that define it
    # name -> the module-level assignments that bind it (``MEAN = np.array(...)``),
    # kept where a kept unit reads the name
    bindings: dict[str, list[int]]
    # the names module-level code binds otherwise (``Home.loose``)
    loose: set[str]
    # The file sets something for all its code (a default device, the current GPU,
    # command-line options): every unit is parsed, so that its facts see all of it.
    file_wide: bool

    def closure(self, names: frozenset[str]) -> set[int]:
        """The top-level units a walk entering ``names`` can reach by name."""
        kept: set[int] = set()
        todo = [u for n in names for u in (*self.units.get(n, ()), *self.bindings.get(n, ()))]
        while todo:
            unit = todo.pop()
            if unit in kept:
                continue
            kept.add(unit)
            for n in self.reads[unit] or ():
                todo.extend((*self.units.get(n, ()), *self.bindings.get(n, ())))
        return kept


_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# Nodes in module-level code that bind their ``name`` (``except E as e``, a ``def`` in
# an ``if`` body, a ``case Point(x=x) as p``).
_BINDING_NAMES = (*_DEFS, ast.ExceptHandler, ast.MatchAs, ast.MatchStar)
_HOLDERS = (ast.Import, ast.ImportFrom, *_DEFS)
# What ``FileFacts`` reads from anywhere in a file (analysis/facts.py): setters of the
# default device or dtype and of the current GPU, CUDA_VISIBLE_DEVICES, options,
# and ``with torch.device(...)`` (below).
_FILE_WIDE_TEXT = ("set_default", "set_device", "CUDA_VISIBLE_DEVICES", "add_argument")


def _outline(path: str, stamp: tuple[int, int]) -> _Outline | None:
    known = _OUTLINES.get(path)
    if known is not None and known[0] == stamp:
        _OUTLINES.move_to_end(path)
        return known[1]
    try:
        text = read(path, max_size=0).text
        tree = ast.parse(text)
    except (OSError, SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
        outline = None
    else:
        wide = any(w in text for w in _FILE_WIDE_TEXT)
        outline = _Outline(text, [], [], [], {}, {}, set(), wide)
        for i, stmt in enumerate(tree.body):
            decorators: list[ast.expr] = getattr(stmt, "decorator_list", [])
            first = min([stmt.lineno, *(d.lineno for d in decorators)])
            outline.spans.append((first, stmt.end_lineno or stmt.lineno))
            is_def = isinstance(stmt, _DEFS)
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                outline.units.setdefault(stmt.name, []).append(i)
            bound = bound_names(stmt)
            for name in bound:
                outline.bindings.setdefault(name, []).append(i)
            # (``x: int`` binds nothing)
            loose = not is_def and not bound and not isinstance(stmt, ast.AnnAssign)
            if is_def:
                outline.loose.add(stmt.name)  # type: ignore[attr-defined]
            is_def = is_def or bool(bound)
            names: set[str] = set()
            holds = isinstance(stmt, _HOLDERS)
            for node in ast.walk(stmt):
                kind = type(node)
                if kind is ast.Name:
                    names.add(node.id)  # type: ignore[attr-defined]
                    if loose and type(node.ctx) is not ast.Load:  # type: ignore[attr-defined]
                        outline.loose.add(node.id)  # type: ignore[attr-defined]
                elif kind is ast.ClassDef:
                    # (a class in module-level code is kept with that code)
                    owners = outline.units.setdefault(node.name, [])  # type: ignore[attr-defined]
                    if is_def:
                        owners.append(i)
                elif kind in _HOLDERS:
                    holds = True
                elif kind is ast.With and not outline.file_wide:
                    outline.file_wide = any(_device_context(item) for item in node.items)  # type: ignore[attr-defined]
                if kind is ast.Global:
                    outline.loose.update(node.names)  # type: ignore[attr-defined]
                elif loose and kind is ast.alias:
                    as_name = node.asname or node.name.partition(".")[0]  # type: ignore[attr-defined]
                    outline.loose.add(as_name)
                elif loose and kind in _BINDING_NAMES and node.name:  # type: ignore[attr-defined]
                    outline.loose.add(node.name)  # type: ignore[attr-defined]
            outline.reads.append(frozenset(names) if is_def else None)
            outline.holds.append(holds and not isinstance(stmt, _SIMPLE))
    _OUTLINES[path] = (stamp, outline)
    _OUTLINES.move_to_end(path)
    while len(_OUTLINES) > _KEEP_OUTLINES:
        _OUTLINES.popitem(last=False)
    return outline


def bound_names(stmt: ast.stmt) -> list[str]:
    """The names a module-level ``NAME = value`` (or ``A, B = ...``) binds."""
    if isinstance(stmt, ast.Assign):
        targets = stmt.targets
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        targets = [stmt.target]
    else:
        return []
    names = [n for t in targets for n in (t.elts if isinstance(t, ast.Tuple) else [t])]
    return (
        [n.id for n in names if isinstance(n, ast.Name)]
        if all(isinstance(n, ast.Name) for n in names)
        else []
    )


# Statements whose imports or definitions are none (``x = 1``), or are read anyway.
_SIMPLE = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign)


def _device_context(item: ast.withitem) -> bool:
    """``with torch.device(...):`` / ``with torch.cuda.device(i):``."""
    call = item.context_expr
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "device"
    )


def load(path: str, name: str, siblings: Callable[[], Iterable[str]] = tuple) -> Home | None:
    """The file at ``path`` as a ``Home`` in which ``name`` can be followed, or None
    when it cannot be read or parsed, or defines no function or class ``name``.
    Only the units a walk entering the names asked for can reach are parsed (and
    the module-level code, which is not walked but binds names). ``siblings``: the
    other names the importer takes from that file, parsed with ``name`` (each name
    asked for later would parse the file again)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    known = _LOADED.get(path)
    if known is not None and known[0] == stamp and name in known[1]:
        _LOADED.move_to_end(path)
        return known[2]
    if st.st_size > MAX_PROJECT_FILE:
        return None
    outline = _outline(path, stamp)
    if outline is None or (name not in outline.units and name not in outline.bindings):
        return None  # (no def, class or module-level binding of that name)
    names = frozenset(
        {name, *(n for n in siblings() if n in outline.units or n in outline.bindings)}
        | (known[1] if known is not None and known[0] == stamp else set())
    )
    home = _read(path, outline, names)
    _LOADED[path] = (stamp, names, home)
    _LOADED.move_to_end(path)
    while len(_LOADED) > _KEEP:
        _LOADED.popitem(last=False)
    return home


def _read(path: str, outline: _Outline, names: frozenset[str]) -> Home | None:
    """The Home of ``names`` in the file: the units a walk entering them can reach
    (with the module-level assignments they read, whose data the walk gives them:
    ``FlowWalker.bindings_of``), the imports, and what holds a class or a function;
    every other top-level statement is left out."""
    text = outline.text
    if not outline.file_wide:
        kept = outline.closure(names)
        keep: list[tuple[int, int]] = []
        drop: list[tuple[int, int]] = []
        for i, span in enumerate(outline.spans):
            is_def = outline.reads[i] is not None
            (keep if (i in kept if is_def else outline.holds[i]) else drop).append(span)
        text = without_lines(text, drop, keep)
    try:
        module = parse_module(text)
    except (cst.ParserSyntaxError, RecursionError, MemoryError):
        return None
    facts = FileFacts.of(module, path)
    mark_modules(facts)
    home = Home.of(facts)
    home.path = path
    home.bound = frozenset(outline.bindings)
    home.loose = frozenset(outline.loose)
    home.text = text  # (positions in it come from LibCST's provider: home.tree None)
    digest = file_digest(path)
    if digest is None:
        return None
    home.digest = digest
    return home


def _module_file(folder: str, module: str) -> str | None:
    """``folder/a/b.py`` or ``folder/a/b/__init__.py`` for module ``a.b``."""
    base = os.path.join(folder, *module.split("."))
    # Remembered while the folder that would hold it is unchanged (a long-running
    # language server sees a file created after it looked).
    try:
        stamp = os.stat(os.path.dirname(base)).st_mtime_ns
    except OSError:
        stamp = None
    key = (folder, module)
    known = _FOUND.get(key)
    if known is not None and known[0] == stamp:
        return known[1]
    found = None
    if stamp is not None:
        for candidate in (base + ".py", os.path.join(base, "__init__.py")):
            if os.path.isfile(candidate):
                found = candidate
                break
    _FOUND[key] = (stamp, found)
    return found


def locate(importer: str, level: int, full: str) -> tuple[str, str] | None:
    """Where ``full`` (``utils.encode``: a module, then a name in it) imported by the
    file ``importer`` is defined, as (the module's file, the name); ``level`` is the
    number of leading dots of a relative import (0: absolute). None when no file of
    the project defines the module."""
    module, _, attr = full.rpartition(".")
    if not module:
        return None  # ``import utils`` then ``utils(...)``: a module is not called
    path = module_file(importer, level, module)
    return None if path is None else (path, attr)


def module_file(importer: str, level: int, module: str) -> str | None:
    """The file of the project that is ``module`` (``utils``, ``a.b``) as the file
    ``importer`` imports it with ``level`` leading dots; None when there is none, or
    when it is the importer itself."""
    # (absolute: a relative path means another file once the working folder changes)
    itself, folders = _folders(os.path.abspath(importer), level)
    for folder in folders:
        path = _module_file(folder, module)
        if path is None:
            continue
        return None if path == itself else path
    return None


@functools.lru_cache(maxsize=4096)
def _folders(importer: str, level: int) -> tuple[str, tuple[str, ...]]:
    """The importing file's real path, and where an import of it with ``level``
    leading dots is looked for."""
    real = Path(importer).resolve()
    here = real.parent
    if level:
        if level - 2 >= len(here.parents):
            return str(real), ()
        return str(real), (str(here.parents[level - 2] if level > 1 else here),)
    return str(real), (str(here), *(str(p) for p in list(here.parents)[:_PARENTS]))


def resolve(analysis: FileFacts, name: str) -> tuple[Home, str] | None:
    """The file of the project that defines what ``name`` (as the code spells it:
    ``wrap_ddp``, ``utils.encode``) was imported as, and its name there; None when
    it is not imported from a file of the project."""
    if analysis.path is None:
        return None
    head, _, rest = name.partition(".")
    imports = analysis.imports
    if head in imports.relative:
        level, target = imports.relative[head]
    elif head in imports.names:
        level, target = 0, imports.names[head]
    else:
        return None
    found = locate(analysis.path, level, f"{target}.{rest}" if rest else target)
    if found is None:
        return None
    home = load(found[0], found[1], lambda: _imported_from(analysis, found[0]))
    if home is None or not home.defines(found[1]):
        return None
    return home, found[1]


def _imported_from(analysis: FileFacts, path: str) -> list[str]:
    """The names the file of ``analysis`` imports from the file at ``path``."""
    assert analysis.path is not None
    imports = analysis.imports
    targets = [*imports.relative.values(), *((0, t) for t in imports.names.values())]
    return [
        found[1]
        for level, target in targets
        if (found := locate(analysis.path, level, target)) is not None and found[0] == path
    ]


def origin_class(
    origin: str, facts: FileFacts, homes: Iterable[Home] = ()
) -> tuple[ClassFacts, FileFacts] | None:
    """The class of the project a module value was made from (``local:Net``, or
    ``local:model.Net`` of ``model.py``, one of the files the walk read: ``homes``),
    with the facts of its file."""
    if not origin.startswith("local:"):
        return None
    name = origin[len("local:") :]
    if "." not in name:
        cls = facts.class_named(name)
        return (cls, facts) if cls is not None else None
    stem, _, name = name.rpartition(".")
    for home in homes:
        if home.path is not None and Path(home.path).stem == stem:
            cls = home.analysis.class_named(name)
            if cls is not None:
                return cls, home.analysis
    return None
