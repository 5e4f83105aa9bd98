"""What a file binds at module level, for TL301 (``module_state.py``; no rules here):
``self.priors = PRIORS`` in ``__init__`` reads ``PRIORS = make_priors(...)`` of the
file, ``config.priors`` (``import config``) reads ``priors = ...`` of another file of
the project. A name imported from another file (``from config import priors``) is
not read.

A name is read only where every binding the module-level code makes of it is a plain
``NAME = value`` (at the top, or in an ``if`` / ``try`` / ``with`` / loop body): then
whichever runs, the name holds one of those values. Any other binding (a ``for`` or
``with`` target, an unpacking, ``+=``, ``del``, a ``def``, a ``global`` statement in a
function, which may rebind it later) leaves it unknown. An import is a binding too:
the name is then read in the file it comes from, if that is the only binding."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from torchlint.analysis import project
from torchlint.analysis.facts import FileFacts
from torchlint.analysis.names import dotted
from torchlint.lint.traverse import nodes

# What binds a name at module level: a value, or the import statement that brings it.
Binding = cst.BaseExpression | cst.Import | cst.ImportFrom
# Nodes under which a function may bind a name (its parameters, assignments, loop and
# ``with`` targets, imports, ``del``, ``:=``, nested definitions).
_BINDERS = (
    cst.Param,
    cst.AssignTarget,
    cst.AnnAssign,
    cst.AugAssign,
    cst.For,
    cst.CompFor,
    cst.AsName,
    cst.ImportAlias,
    cst.NamedExpr,
    cst.Del,
    cst.FunctionDef,
    cst.ClassDef,
)


class ModuleBindings:
    """The module-level bindings of one file's tree, by name, read once; and the
    functions whose free names are the module's (top-level functions and the methods
    of top-level classes: a function nested in another sees that one's locals)."""

    def __init__(self, module: cst.Module | None) -> None:
        self.values: dict[str, list[Binding]] = {}
        self.unknown: set[str] = set()
        self.top: set[cst.FunctionDef] = set()
        # ``config.priors = ...`` anywhere in the file: the module attribute is
        # changed from here, not only where its module binds it.
        self.set_attributes: set[str] = set()
        self._body(module.body if module is not None else (), True, True)

    def read(self, name: str) -> list[Binding] | None:
        """Every module-level binding of ``name``; None where one is not a plain
        assignment or import, or where the file binds it nowhere."""
        if name in self.unknown:
            return None
        return self.values.get(name) or None

    def _body(self, body: Sequence[cst.CSTNode], module_level: bool, free: bool) -> None:
        """``module_level``: the statements bind module names; ``free``: a function
        defined here reads the module's names for those it does not bind."""
        for stmt in body:
            if isinstance(stmt, cst.SimpleStatementLine):
                self._body(stmt.body, module_level, free)
            elif isinstance(stmt, cst.FunctionDef):
                if module_level:
                    self.unknown.add(stmt.name.value)
                if free:
                    self.top.add(stmt)
                self._suite(stmt.body, False, False)
            elif isinstance(stmt, cst.ClassDef):
                if module_level:
                    self.unknown.add(stmt.name.value)
                self._suite(stmt.body, False, free)
            elif isinstance(stmt, cst.BaseCompoundStatement):
                self._compound(stmt, module_level, free)
            else:
                self._small(stmt, module_level)

    def _suite(self, suite: cst.BaseSuite, module_level: bool, free: bool) -> None:
        self._body(suite.body, module_level, free)

    def _compound(self, stmt: cst.BaseCompoundStatement, module_level: bool, free: bool) -> None:
        if module_level:
            targets: list[cst.CSTNode] = []
            if isinstance(stmt, cst.For):
                targets.append(stmt.target)
            elif isinstance(stmt, cst.With):
                targets += [i.asname.name for i in stmt.items if i.asname is not None]
            elif isinstance(stmt, (cst.Try, cst.TryStar)):
                targets += [h.name.name for h in stmt.handlers if h.name is not None]
            elif isinstance(stmt, cst.Match):
                targets += [c.pattern for c in stmt.cases]
            for target in targets:
                self.unknown.update(n.value for n in nodes(target, cst.Name))
        if isinstance(stmt, cst.Match):
            for case in stmt.cases:
                self._suite(case.body, module_level, free)
            return
        self._suite(stmt.body, module_level, free)
        for handler in getattr(stmt, "handlers", ()):
            self._suite(handler.body, module_level, free)
        for attr in ("orelse", "finalbody"):
            extra = getattr(stmt, attr, None)
            if isinstance(extra, cst.If):  # elif
                self._compound(extra, module_level, free)
            elif extra is not None:
                self._suite(extra.body, module_level, free)

    def _small(self, small: cst.CSTNode, module_level: bool) -> None:
        if isinstance(small, cst.Global):
            self.unknown.update(n.name.value for n in small.names)
        elif isinstance(small, cst.Assign):
            # (``config.priors += 1`` changes the tensor in place, on its device)
            for t in small.targets:
                name = dotted(t.target) if isinstance(t.target, cst.Attribute) else None
                if name is not None and not name.startswith("self."):
                    self.set_attributes.add(name)
        if not module_level:
            return
        if isinstance(small, cst.Assign):
            for t in small.targets:
                if isinstance(t.target, cst.Name):
                    self.values.setdefault(t.target.value, []).append(small.value)
                elif isinstance(t.target, (cst.Tuple, cst.List)):
                    self.unknown.update(_stored(t.target))
        elif isinstance(small, cst.AnnAssign):
            if isinstance(small.target, cst.Name) and small.value is not None:
                self.values.setdefault(small.target.value, []).append(small.value)
        elif isinstance(small, cst.AugAssign):
            self.unknown.update(_stored(small.target))
        elif isinstance(small, cst.Del):
            self.unknown.update(_stored(small.target))
        elif isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(
            small.names, cst.ImportStar
        ):
            for alias in small.names:
                self.values.setdefault(_alias_name(alias), []).append(small)


def _stored(target: cst.BaseExpression) -> list[str]:
    """The names an assignment target binds (``a, (b, *c)``); none for ``x.y`` or
    ``x[i]``."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _stored(e.value)]
    if isinstance(target, cst.StarredElement):
        return _stored(target.value)
    return []


def _alias_name(alias: cst.ImportAlias) -> str:
    """The name ``import a.b`` (``a``), ``import a as b`` or ``from m import a as b``
    binds."""
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    name = dotted(alias.name) or ""
    return name.partition(".")[0]


def bound_in(fn: cst.FunctionDef) -> frozenset[str]:
    """The names ``fn`` (or a function or comprehension in it) may bind: a name
    outside them is the module's, for a function ``ModuleBindings.top`` holds."""
    found: set[str] = set()
    for node in nodes(fn.body, _BINDERS):
        if isinstance(node, (cst.Param, cst.FunctionDef, cst.ClassDef)):
            found.add(node.name.value)
        elif isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.For)):
            found.update(_stored(node.target))
        elif isinstance(node, (cst.CompFor, cst.NamedExpr, cst.Del)):
            found.update(_stored(node.target))
        elif isinstance(node, cst.AsName):
            found.update(n.value for n in nodes(node.name, cst.Name))
        elif isinstance(node, cst.ImportAlias):
            found.add(_alias_name(node))
    return frozenset(found)


def module_values(
    home: FileFacts,
    name: str,
    table_of: Callable[[FileFacts], ModuleBindings],
    read: Callable[[project.Home], None] | None,
) -> tuple[FileFacts, list[cst.BaseExpression]] | None:
    """What the module-level name ``name`` (``PRIORS``, ``priors`` imported from
    ``config``, ``config.priors``) of the file ``home`` holds: the file its values are
    written in, and every value it is assigned there. ``read``: an import of another
    file of the project is followed, and that file handed to it. None where it is not
    known."""
    head, _, rest = name.partition(".")
    table = table_of(home)
    found = table.read(head)
    if found is None:
        return None
    values = [v for v in found if isinstance(v, cst.BaseExpression)]
    if not rest and len(values) == len(found):
        return home, values
    if read is None or values or len(found) != 1 or name in table.set_attributes:
        return None  # (a value and an import, or two imports: which one runs?)
    if not rest:
        # (``from config import priors`` is left unknown: the screen would have to
        # keep every class that reads a name imported from the project)
        return None
    resolved = project.resolve(home, name)
    if resolved is None or resolved[1] in resolved[0].loose:
        return None  # (bound where the text kept of that file does not show it)
    read(resolved[0])
    other = resolved[0].analysis
    there = table_of(other).read(resolved[1])
    if there is None or not all(isinstance(v, cst.BaseExpression) for v in there):
        return None  # (imported in turn: not followed further)
    return other, [v for v in there if isinstance(v, cst.BaseExpression)]


def module_level_dict(module: cst.Module | None, name: str) -> cst.Dict | None:
    """The dict literal ``name = {...}`` at the top level of the file binds, when
    that is its only binding there."""
    found: list[cst.BaseExpression] = []
    for stmt in module.body if module is not None else ():
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, (cst.Assign, cst.AnnAssign)) and small.value is not None:
                    targets = (
                        [t.target for t in small.targets]
                        if isinstance(small, cst.Assign)
                        else [small.target]
                    )
                    if any(isinstance(t, cst.Name) and t.value == name for t in targets):
                        found.append(small.value)
    return found[0] if len(found) == 1 and isinstance(found[0], cst.Dict) else None
