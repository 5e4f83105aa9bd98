"""What the screen reads from a whole file before its units: the import table, the
module classes and the top-level functions."""

from __future__ import annotations

import ast
import functools

from torchlint.analysis.project import module_file
from torchlint.analysis.torch_api import (
    LIGHTNING_CALLBACKS,
    LIGHTNING_MODULES,
    module_base,
    torch_alias,
)
from torchlint.screen.trees import dotted

# (a LightningModule's step hooks and a Callback's batch hooks run placed)
LIGHTNING_HOSTS = LIGHTNING_MODULES | LIGHTNING_CALLBACKS

# What a module-level name TL301 may read as a tensor is assigned (``_globals.py``).
_DATA = (ast.Call, ast.BinOp, ast.Subscript, ast.Attribute, ast.Name)
# Module-level statements whose bodies bind module names (``_globals.py`` reads them).
_BLOCKS = (
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    getattr(ast, "TryStar", ast.Try),
)


class File:
    """What every unit needs to know about the file, read from its statements only
    (as ``analysis/facts.py`` reads them): the import table (local name -> qualified
    name, one table for the whole file) and the names of its module classes."""

    def __init__(self, tree: ast.Module, path: str | None = None) -> None:
        self.path = path
        self.tree = tree
        self._project: dict[str, tuple[str, str] | None] = {}
        self._modules: dict[tuple[int, str], str | None] = {}
        self.classes: set[str] = set()
        self.all_classes: set[str] = set()  # (module classes or not)
        # LightningModule and Callback classes: their step and batch hooks run placed
        # (analysis/lightning.py), and follow the file's functions.
        self.lightning: set[str] = set()
        # The file's top-level functions: calls to them are followed by the analysis.
        self.function_nodes = {
            stmt.name: stmt
            for stmt in tree.body
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        self.functions = set(self.function_nodes)
        self.imports: dict[str, str] = {}
        # Imported names under another spelling, as the word they stand for
        # (``import numpy as xp``, ``from torch import float16 as f16``).
        self.imported: dict[str, str] = {}
        # ``from .utils import encode``: local name -> (level, "utils.encode").
        self.relative: dict[str, tuple[int, str]] = {}
        self._statements(tree.body)
        # Module-level names assigned a value that may be a tensor (a call, arithmetic,
        # an index), with the names those values read: TL301 reads ``self.priors =
        # PRIORS`` through them, and what ``PRIORS = make_priors()`` calls.
        self.data: dict[str, set[str]] = {}
        self._module_data(tree.body)

    @functools.cached_property
    def cuda_types(self) -> frozenset[str]:
        """Names the file assigns a legacy CUDA tensor type (``dtype =
        torch.cuda.FloatTensor if gpu else torch.FloatTensor``): ``x.type(dtype)`` may
        move ``x`` to the GPU (``analysis/effects.py``). Read on first use only."""
        found: set[str] = set()
        for node in ast.walk(self.tree):
            if type(node) is ast.Assign and any(
                type(sub) is ast.Attribute
                and sub.attr.endswith("Tensor")
                and "cuda" in (dotted(sub) or "").split(".")
                for sub in ast.walk(node.value)
            ):
                found.update(t.id for t in node.targets if type(t) is ast.Name)
        return frozenset(found)

    @property
    def numpy_imported(self) -> bool:
        """The file imports numpy (or a name from it): its arrays may be indexed."""
        return any(q.split(".", 1)[0] == "numpy" for q in self.imports.values())

    def data_reads(self, names: set[str]) -> set[str]:
        """The names the module-level data among ``names`` read, and those theirs
        read in turn (``PRIORS = make_priors(SPECS)``: ``make_priors``, ``SPECS``)."""
        out: set[str] = set()
        todo = [n for n in names if n in self.data]
        while todo:
            for read in self.data[todo.pop()] - out:
                out.add(read)
                if read in self.data:
                    todo.append(read)
        return out

    def may_hold_tensor(self, name: str) -> bool:
        """The module-level ``name`` (``PRIORS``, ``config.priors``) may be a tensor:
        assigned one in the file, or an attribute of a module of the project (TL301's
        ``_globals.py``, over-approximated)."""
        if "." not in name and name in self.data:
            return True
        head, _, rest = name.partition(".")
        if not rest or name.startswith("self."):
            return False  # (a name imported from another file is not read: ``_globals``)
        target = self.project_target(name)
        level, module = self.relative.get(head) or (0, self.imports.get(head, ""))
        # (config.priors of ``import config``: an attribute of a module of the project)
        return target is not None and target[0] == self._module_path(level, module)

    def _module_data(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                if isinstance(stmt.value, _DATA):
                    read = {n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name)}
                    for target in targets:
                        if isinstance(target, ast.Name):
                            self.data.setdefault(target.id, set()).update(read)
            elif isinstance(stmt, ast.Match):
                for case in stmt.cases:
                    self._module_data(case.body)
            elif isinstance(stmt, _BLOCKS):
                self._module_data(stmt.body)
                self._module_data(getattr(stmt, "orelse", []))
                self._module_data(getattr(stmt, "finalbody", []))
                for handler in getattr(stmt, "handlers", []):
                    self._module_data(handler.body)

    def in_project(self, name: str) -> bool:
        """``name`` (``wrap_ddp``, ``utils.encode``) is imported from another file of
        the project (the flow analysis follows calls into it)."""
        return self.project_target(name) is not None

    def project_target(self, name: str) -> tuple[str, str] | None:
        """The file of the project and the name in it that ``name`` was imported as."""
        if self.path is None:
            return None
        if name in self._project:
            return self._project[name]
        head, _, rest = name.partition(".")
        found = None
        if head in self.relative or head in self.imports:
            level, target = self.relative.get(head) or (0, self.imports[head])
            module, _, attr = (f"{target}.{rest}" if rest else target).rpartition(".")
            if module:  # (``import utils`` then ``utils(...)``: a module is not called)
                # Looked up once per module: torch.zeros, torch.cat, ... are all in torch.
                key = (level, module)
                if key not in self._modules:
                    self._modules[key] = module_file(self.path, level, module)
                path = self._modules[key]
                found = None if path is None else (path, attr)
            if found is None and rest:
                # Net.from_checkpoint(path) of ``from model import Net``: a method of a
                # class of that file (its unit holds the methods' tags)
                found = self.project_target(head)
        self._project[name] = found
        return found

    def _module_path(self, level: int, module: str) -> str | None:
        key = (level, module)
        if key not in self._modules:
            self._modules[key] = module_file(self.path, level, module) if self.path else None
        return self._modules[key]

    def qualify(self, name: str) -> str | None:
        head, _, rest = name.partition(".")
        full = self.imports.get(head)
        if full is None:
            return None
        return f"{full}.{rest}" if rest else full

    def _statements(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            kind = type(stmt)
            if kind is ast.Import:
                for alias in stmt.names:  # type: ignore[attr-defined]
                    if alias.asname:
                        self.imports[alias.asname] = alias.name
                        self.imported[alias.asname] = alias.name.split(".")[0]
                    else:
                        head = alias.name.split(".", 1)[0]
                        self.imports[head] = head
            elif kind is ast.ImportFrom:
                module = stmt.module  # type: ignore[attr-defined]
                if stmt.level:  # type: ignore[attr-defined]
                    for alias in stmt.names:  # type: ignore[attr-defined]
                        if alias.name != "*":
                            self.relative[alias.asname or alias.name] = (
                                stmt.level,  # type: ignore[attr-defined]
                                f"{module}.{alias.name}" if module else alias.name,
                            )
                    continue
                if module is None:
                    continue
                for alias in stmt.names:  # type: ignore[attr-defined]
                    local = alias.asname or alias.name
                    self.imports[local] = f"{module}.{alias.name}"
                    if module.split(".")[0] == "numpy":
                        self.imported[local] = "numpy"
                    elif alias.asname:
                        self.imported[local] = alias.name
            elif kind is ast.Assign and type(stmt.value) is ast.Attribute:  # type: ignore[attr-defined]
                # T = torch.Tensor: another name of a torch object (analysis/facts.py's
                # aliases, kept here wherever it is bound: the screen may keep more)
                name = dotted(stmt.value)  # type: ignore[attr-defined]
                full = self.qualify(name) if name is not None else None
                for target in stmt.targets:  # type: ignore[attr-defined]
                    if full is not None and torch_alias(full) and type(target) is ast.Name:
                        self.imports[target.id] = full
                        self.imported[target.id] = full.rsplit(".", 1)[-1]
            elif kind is ast.ClassDef:
                # analysis/facts.py's is_module: a module base (torch_api) or a
                # module class of the file above
                bases = []
                for base in stmt.bases:  # type: ignore[attr-defined]
                    raw = dotted(base)
                    if raw is not None:
                        bases += [raw, self.qualify(raw) or raw]
                if any(module_base(b) or b in self.classes for b in bases):
                    self.classes.add(stmt.name)  # type: ignore[attr-defined]
                if any(b in LIGHTNING_HOSTS or b in self.lightning for b in bases):
                    self.lightning.add(stmt.name)  # type: ignore[attr-defined]
                self.all_classes.add(stmt.name)  # type: ignore[attr-defined]
                self._statements(stmt.body)  # type: ignore[attr-defined]
            elif kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.With, ast.AsyncWith):
                self._statements(stmt.body)  # type: ignore[attr-defined]
            elif kind in (ast.If, ast.For, ast.AsyncFor, ast.While):
                self._statements(stmt.body)  # type: ignore[attr-defined]
                self._statements(stmt.orelse)  # type: ignore[attr-defined]
            elif kind is ast.Try or kind is getattr(ast, "TryStar", None):
                self._statements(stmt.body)  # type: ignore[attr-defined]
                for handler in stmt.handlers:  # type: ignore[attr-defined]
                    self._statements(handler.body)
                self._statements(stmt.orelse)  # type: ignore[attr-defined]
                self._statements(stmt.finalbody)  # type: ignore[attr-defined]
            elif kind is ast.Match:
                for case in stmt.cases:  # type: ignore[attr-defined]
                    self._statements(case.body)
