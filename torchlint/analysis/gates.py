"""Version gates and compatibility fallbacks, recognised once for every rule.

Code that supports several torch releases keeps the old API on purpose, in a branch
that only old releases take::

    scaler = torch.amp.GradScaler("cuda") if TORCH_GE_2_4 else torch.cuda.amp.GradScaler()
    if version.parse(torch.__version__) < version.parse("2.4"):
        ...
    if hasattr(torch, "amp"): ...
    try:
        state = torch.load(path, weights_only=True)
    except TypeError:  # torch < 1.13
        state = torch.load(path)

A deprecation or compatibility rule must neither flag that branch nor "fix" it into
the new API, which is exactly what the old release lacks. ``Gates.of(node)`` says
whether a node sits in such a branch (either branch of a version test or probe, or
the handler of a ``try`` that catches the errors an old API raises), and
``Gates.binding(name)`` whether a local name is bound there (``try: from torch.amp
import GradScaler`` / ``except ImportError: from torch.cuda.amp import GradScaler``:
which one ``GradScaler`` is depends on the release).

Computed on first use (``FileFacts.gates``) and then shared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from torchlint.analysis.names import ImportTable, dotted
from torchlint.lint.traverse import nodes, walk

# The errors an old release raises for a new API: a missing keyword (TypeError), a
# missing attribute or module (AttributeError, ImportError, ...).
_FALLBACK_ERRORS = frozenset(
    {"TypeError", "AttributeError", "ImportError", "ModuleNotFoundError", "NameError"}
)
# ``version.parse``, ``packaging.version.Version``, ``LooseVersion``, ``parse_version``.
_VERSION_CALLS = frozenset({"parse", "Version", "LooseVersion", "parse_version", "StrictVersion"})
# A name that says which release runs: ``TORCH_GE_2_4``, ``_TORCH_GREATER_EQUAL_2_1``,
# ``is_torch_version``, ``torch_version``, ``TORCH_1_9``, ``PT_LT_2``.
_FLAG = re.compile(
    r"(torch|pytorch|\bpt).*(version|greater|less|newer|older|at_?least|_[gl][te]\b|_[gl][te]_?\d|_geq|_leq)"
    r"|(torch|pytorch)_?v?\d+(_\d+)*\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Gate:
    """Why a node is gated: ``kind`` is "version" (a release test), "probe"
    (``hasattr``/``getattr`` on torch) or "fallback" (an ``except`` of the errors an
    old API raises); ``node`` is the test or the handler."""

    kind: str
    node: cst.CSTNode

    @property
    def description(self) -> str:
        return {
            "version": "a torch version test",
            "probe": "a hasattr/getattr probe",
            "fallback": "a fallback for older torch (except TypeError/AttributeError/ImportError)",
        }[self.kind]


def gate_kind(test: cst.BaseExpression, imports: ImportTable) -> str | None:
    """ "version" or "probe" when ``test`` asks which torch release runs (another
    library's version, ``accelerate.__version__``, is not a torch gate)."""
    finder = _TestFinder(imports)
    walk(test, [finder])
    if finder.probe:
        return "probe"
    return "version" if finder.flag or (finder.versionish and finder.torch) else None


class _TestFinder(cst.BatchableCSTVisitor):
    def __init__(self, imports: ImportTable) -> None:
        super().__init__()
        self.imports = imports
        self.flag = False  # TORCH_GE_2_4, is_torch_version(...)
        self.versionish = False  # __version__, version.parse(...)
        self.torch = False  # the test names torch
        self.probe = False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "__version__":
            self.versionish = True
        if _FLAG.search(node.attr.value):
            self.flag = True
        q = self.imports.qualify(node) or dotted(node) or ""
        if q == "torch" or q.startswith("torch."):
            self.torch = True

    def visit_Name(self, node: cst.Name) -> None:
        if _FLAG.search(node.value):
            self.flag = True
        q = self.imports.qualify(node) or node.value
        if q == "torch" or q.startswith("torch."):
            self.torch = True

    def visit_Call(self, node: cst.Call) -> None:
        name = dotted(node.func) or ""
        last = name.rsplit(".", 1)[-1]
        if last in _VERSION_CALLS and ("version" in name.lower() or last != "parse"):
            self.versionish = True
        elif last in ("hasattr", "getattr") and name == last and node.args:
            probed = self.imports.qualify(node.args[0].value) or dotted(node.args[0].value) or ""
            if probed == "torch" or probed.startswith("torch."):
                self.probe = True


class _Finder(cst.BatchableCSTVisitor):
    def __init__(self, imports: ImportTable) -> None:
        super().__init__()
        self.imports = imports
        self.gated: dict[int, Gate] = {}
        self.bindings: dict[str, Gate] = {}
        self._keep: list[cst.CSTNode] = []  # ids stay valid while the nodes live
        self._imports: list[cst.Import | cst.ImportFrom] = []

    def visit_Import(self, node: cst.Import) -> None:
        self._imports.append(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._imports.append(node)

    def _mark(self, gate: Gate, *regions: cst.CSTNode | None) -> None:
        for region in regions:
            if region is not None:
                self._keep.append(region)
                for node in nodes(region, cst.CSTNode):
                    self.gated.setdefault(id(node), gate)

    def visit_If(self, node: cst.If) -> None:
        kind = gate_kind(node.test, self.imports)
        if kind is not None:
            self._mark(Gate(kind, node.test), node.body, node.orelse)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._early_exits(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._early_exits(node.body)

    def _early_exits(self, body: Sequence[cst.BaseStatement]) -> None:
        """``if new_torch: return new()`` followed by ``return old()``: what follows a
        gate whose branch always leaves is the other branch."""
        for i, stmt in enumerate(body):
            if (
                isinstance(stmt, cst.If)
                and stmt.orelse is None
                and _leaves(stmt.body)
                and (kind := gate_kind(stmt.test, self.imports)) is not None
            ):
                self._mark(Gate(kind, stmt.test), *body[i + 1 :])
                return

    def visit_IfExp(self, node: cst.IfExp) -> None:
        kind = gate_kind(node.test, self.imports)
        if kind is not None:
            self._mark(Gate(kind, node.test), node.body, node.orelse)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        caught = node.type
        names: list[cst.BaseExpression] = []
        if isinstance(caught, cst.Tuple):
            names = [e.value for e in caught.elements]
        elif caught is not None:
            names = [caught]
        if any((dotted(n) or "").rsplit(".", 1)[-1] in _FALLBACK_ERRORS for n in names):
            self._mark(Gate("fallback", node), node.body)

    def leave_Module(self, original_node: cst.Module) -> None:
        # Names an import binds inside a gated region: which API they are depends on
        # the release that runs.
        for binder in self._imports:
            gate = self.gated.get(id(binder))
            if gate is None:
                continue
            for alias in binder.names if not isinstance(binder.names, cst.ImportStar) else ():
                local = alias.asname.name if alias.asname is not None else alias.name
                name = dotted(local)  # type: ignore[arg-type]
                if name is not None:
                    self.bindings.setdefault(name.split(".")[0], gate)


def _leaves(suite: cst.BaseSuite) -> bool:
    """The block always ends with ``return``/``raise``/``continue``/``break``."""
    if isinstance(suite, cst.IndentedBlock):
        if not suite.body:
            return False
        last: cst.CSTNode = suite.body[-1]
        if isinstance(last, cst.SimpleStatementLine):
            last = last.body[-1]
    else:
        last = suite.body[-1]
    return isinstance(last, (cst.Return, cst.Raise, cst.Continue, cst.Break))


class Gates:
    """The gated regions of one file (see the module docstring)."""

    def __init__(self, module: cst.Module, imports: ImportTable) -> None:
        # The rules' own walker, not ``module.visit``: LibCST's visitors rebuild every
        # node's children as they go, which cost more than the parse on large files.
        finder = _Finder(imports)
        walk(module, [finder])
        self._gated = finder.gated
        self._bindings = finder.bindings
        self._keep = finder._keep

    def of(self, node: cst.CSTNode) -> Gate | None:
        """The gate ``node`` is in, or None: a branch of a version test or probe, or
        a handler of the errors an old release raises."""
        return self._gated.get(id(node))

    def binding(self, name: str) -> Gate | None:
        """The gate of an import that binds ``name`` (its first part) in a gated
        region, or None."""
        return self._bindings.get(name.split(".")[0])

    def covers(self, call: cst.Call) -> Gate | None:
        """A call that is gated itself, or made through a name bound in a gated import."""
        gate = self.of(call)
        if gate is not None:
            return gate
        name = dotted(call.func)
        return self.binding(name) if name is not None else None
