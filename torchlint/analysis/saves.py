"""Checkpoints the code wrote itself.

``torch.load`` without ``map_location`` restores each tensor onto the device it was
saved from. That is a portability risk for a file from elsewhere (a GPU checkpoint on
a CPU-only machine), but not for a file the same code has just written: a test that
saves to ``tmp_path`` and reads it back, a function that saves and reloads, a class
whose saver method writes what its loader method reads (a scheduler's or an
aligner's own state). There the load restores what the same run, on the same
devices, saved. ``written_here`` says which of these a load is.
"""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.facts import Analysis, ClassFacts, FunctionFacts
from torchlint.analysis.names import dotted, root_name
from torchlint.traverse import nodes

# pytest's fixtures and the usual names of a ``tempfile`` directory.
_TEMP_PREFIXES = ("tmp", "temp")
_TEMP_FIXTURES = frozenset({"tmp_path", "tmpdir", "tmp_path_factory", "tmpdir_factory"})


def load_path(call: cst.Call) -> cst.BaseExpression | None:
    """The file argument of ``torch.load(f, ...)``."""
    for arg in call.args:
        if arg.keyword is None and not arg.star:
            return arg.value
        if arg.keyword is not None and arg.keyword.value == "f":
            return arg.value
    return None


def _roots(node: cst.BaseExpression) -> set[str]:
    """Every name a path expression is built from (``out / "x.pt"``, ``f"{d}/x"``,
    ``os.path.join(d, name)``), less module names."""
    names: set[str] = set()

    class _Names(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            root = root_name(node)
            if root is not None:
                names.add(root)
            return False

        def visit_Name(self, node: cst.Name) -> None:
            names.add(node.value)

        def visit_Call(self, node: cst.Call) -> bool:
            for arg in node.args:
                arg.value.visit(self)
            return False

    node.visit(_Names())
    return names - {"os", "Path", "pathlib", "str", "self"}


class _Saves(cst.CSTVisitor):
    """Calls that write a file: ``torch.save(obj, f)``, ``fabric.save(path, ...)``,
    ``save_checkpoint(...)``, ``incremental_save(fn)``; with the argument roots."""

    def __init__(self, analysis: Analysis) -> None:
        super().__init__()
        self.analysis = analysis
        self.saves: list[tuple[cst.Call, set[str], list[str]]] = []

    def visit_Call(self, node: cst.Call) -> None:
        q = self.analysis.qualify(node.func) or dotted(node.func) or ""
        if "save" not in q.rsplit(".", 1)[-1].lower():
            return
        roots: set[str] = set()
        texts: list[str] = []
        for arg in node.args:
            roots |= _roots(arg.value)
            if self.analysis.module is not None:
                texts.append(self.analysis.module.code_for_node(arg.value))
        self.saves.append((node, roots, texts))


def _saves_in(node: cst.CSTNode, analysis: Analysis) -> list[tuple[cst.Call, set[str], list[str]]]:
    finder = _Saves(analysis)
    node.visit(finder)
    return finder.saves


def written_here(
    call: cst.Call,
    analysis: Analysis,
    function: FunctionFacts | None,
    cls: ClassFacts | None,
) -> str | None:
    """Why the file ``torch.load`` reads is one this code wrote (a phrase for a
    message or a test), or None."""
    path = load_path(call)
    if path is None or analysis.module is None:
        return None
    roots = _roots(path)
    text = analysis.module.code_for_node(path)
    if roots & _TEMP_FIXTURES or any(r.lower().startswith(_TEMP_PREFIXES) for r in roots):
        return "a file in a temporary directory, written by the same run"
    if "tempfile." in text:
        return "a file in a temporary directory, written by the same run"
    if function is not None and roots:
        for save, save_roots, _ in _saves_in(function.node, analysis):
            if save is not call and roots & save_roots:
                return "a file the same function writes"
    if cls is not None and function is not None:
        params = set(function.params) - {"self"}
        if roots and roots <= params:
            # A loader method reading its parameter, in a class whose saver method
            # writes its own parameter, state with no model weights in it (a
            # scheduler's counters, an aligner's table): the class restores what it
            # saved. A saver of a state_dict() is not one: every rank of a DDP job
            # would restore rank 0's GPU tensors onto its GPU.
            for method in _methods(cls):
                if method is function.node:
                    continue
                own = {p.name.value for p in method.params.params} - {"self"}
                for save, _, _ in _saves_in(method, analysis):
                    if analysis.qualify(save.func) != "torch.save" or len(save.args) < 2:
                        continue
                    written = _roots(save.args[1].value)
                    if written and written <= own and _host_state(save.args[0].value):
                        return "the file the class's own saver method writes"
    if text and not isinstance(path, cst.Name):
        for save, _, texts in _saves_in(analysis.module, analysis):
            if text in texts and save.args and _host_state(save.args[0].value):
                return "a file this module writes"
    return None


def _host_state(saved: cst.BaseExpression) -> bool:
    """What a save writes holds no model weights, or only copies on the host: no
    ``.state_dict()`` / ``.parameters()`` call unless ``.cpu()`` or
    ``offload_to_cpu`` brings them there."""
    weights = cpu = False
    for call in nodes(saved, cst.Call):
        func = call.func
        if isinstance(func, cst.Attribute):
            if func.attr.value in ("state_dict", "parameters", "named_parameters", "buffers"):
                weights = True
            elif func.attr.value == "cpu":
                cpu = True
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "offload_to_cpu":
                cpu = True
    return cpu or not weights


def _methods(cls: ClassFacts) -> list[cst.FunctionDef]:
    body = cls.node.body
    if not isinstance(body, cst.IndentedBlock):
        return []
    return [s for s in body.body if isinstance(s, cst.FunctionDef)]
