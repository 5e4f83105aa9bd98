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
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from torchlint.analysis.facts import ClassFacts, FileFacts
from torchlint.analysis.torch_api import mark_modules
from torchlint.lint.source import SourceError, file_digest, read
from torchlint.lint.traverse import nodes

# How far above the importing file's folder an absolute import is looked for
# (``from models.net import Net`` in ``tools/train.py`` of a repository's root).
_PARENTS = 2
# Larger files are not read for a call into them (generated tables, vendored code).
MAX_PROJECT_FILE = 400_000


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
            if not c.is_module
            and any(b.rsplit(".", 1)[-1].endswith("Dataset") for b in c.bases)
            and not mentions_device(c.node)
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
        return name in self.top_functions or self.class_named(name) is not None

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


# path -> ((mtime_ns, size), Home or None): each process keeps the last few files of
# the project it read, per version. Few: a parsed tree is millions of objects that
# every full collection of Python's garbage collector walks again (keeping 32 made a
# library corpus 15% slower than keeping 4, and re-reading costs less).
_LOADED: OrderedDict[str, tuple[tuple[int, int], Home | None]] = OrderedDict()
_KEEP = 4
# (folder, module) -> (the stamp of the folder it would be in, its file or None).
_FOUND: dict[tuple[str, str], tuple[int | None, str | None]] = {}


def load(path: str) -> Home | None:
    """The file at ``path`` as a ``Home``, or None when it cannot be read or parsed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    stamp = (st.st_mtime_ns, st.st_size)
    known = _LOADED.get(path)
    if known is not None and known[0] == stamp:
        _LOADED.move_to_end(path)
        return known[1]
    home = _read(path) if st.st_size <= MAX_PROJECT_FILE else None
    _LOADED[path] = (stamp, home)
    _LOADED.move_to_end(path)
    while len(_LOADED) > _KEEP:
        _LOADED.popitem(last=False)
    return home


def _read(path: str) -> Home | None:
    try:
        source = read(path, max_size=0)
        tree = ast.parse(source.text)
        module = cst.parse_module(source.text)
    except (OSError, SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    except cst.ParserSyntaxError:
        return None
    facts = FileFacts.of(module, path)
    mark_modules(facts)
    home = Home.of(facts)
    home.path = path
    home.text = source.text
    home.tree = tree
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
    # (absolute: a relative path means another file once the working folder changes)
    itself, folders = _folders(os.path.abspath(importer), level)
    for folder in folders:
        path = _module_file(folder, module)
        if path is None:
            continue
        if path == itself:
            return None
        return path, attr
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
    home = load(found[0])
    if home is None or not home.defines(found[1]):
        return None
    return home, found[1]
