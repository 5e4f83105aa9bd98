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

from torchlint.analysis.facts import ClassFacts, FileFacts, FunctionFacts
from torchlint.analysis.names import dotted
from torchlint.lint.traverse import nodes

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
    """The names a path expression is built from, as written (``out`` of ``out /
    "x.pt"``, ``args.resume`` of ``args.resume``, ``d`` of ``os.path.join(d, name)``),
    less module names: ``args.resume`` and ``args.output`` are different files."""
    names: set[str] = set()

    class _Names(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            chain = dotted(node)
            if chain is not None:
                names.add(chain)
                return False
            return True

        def visit_Name(self, node: cst.Name) -> None:
            names.add(node.value)

        def visit_Call(self, node: cst.Call) -> bool:
            for arg in node.args:
                arg.value.visit(self)
            return False

    node.visit(_Names())
    return {n for n in names if n.split(".")[0] not in _MODULES and n != "self"}


_MODULES = frozenset({"os", "Path", "pathlib", "str", "osp"})


class _Saves:
    """Calls that write a file, with the names of the path they write to:
    ``torch.save(obj, f)`` (``f``), ``fabric.save(path, state)``, ``save_checkpoint(...)``,
    ``incremental_save(fn)`` (every argument)."""

    def __init__(self, analysis: FileFacts) -> None:
        self.analysis = analysis
        self.saves: list[tuple[cst.Call, set[str], list[str]]] = []

    def add(self, node: cst.Call) -> None:
        q = self.analysis.qualify(node.func) or dotted(node.func) or ""
        last = q.rsplit(".", 1)[-1].lower()
        if q == "torch.save":
            paths = [a.value for a in node.args[1:2]] + [
                a.value for a in node.args if a.keyword is not None and a.keyword.value == "f"
            ]
        elif last == "save" or last.endswith("_save") or last.startswith("save_checkpoint"):
            paths = [a.value for a in node.args]
        else:
            return
        roots: set[str] = set()
        texts: list[str] = []
        for path in paths:
            roots |= _roots(path)
            if self.analysis.module is not None:
                texts.append(self.analysis.module.code_for_node(path))
        self.saves.append((node, roots, texts))


def _saves_in(node: cst.CSTNode, analysis: FileFacts) -> list[tuple[cst.Call, set[str], list[str]]]:
    # (the field walker of lint/traverse.py: LibCST's ``node.visit`` rebuilds every
    # node it passes, which cost a second per call on large files)
    finder = _Saves(analysis)
    for call in nodes(node, cst.Call):
        finder.add(call)
    return finder.saves


def written_here(
    call: cst.Call,
    analysis: FileFacts,
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
    if _temporary(roots, function):
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


def _temporary(roots: set[str], function: FunctionFacts | None, depth: int = 0) -> bool:
    """A path under pytest's ``tmp_path``/``tmpdir`` or a ``tmp...`` directory, also
    through a local built from one (``cache_dir = tmp_path / "cache"``)."""
    if roots & _TEMP_FIXTURES or any(r.lower().startswith(_TEMP_PREFIXES) for r in roots):
        return True
    if function is None or depth > 2:
        return False
    for root in roots:
        values = function.assignments.get(root, [])
        if values and all(_temporary(_roots(v), function, depth + 1) for v in values):
            return True
    return False


def _methods(cls: ClassFacts) -> list[cst.FunctionDef]:
    body = cls.node.body
    if not isinstance(body, cst.IndentedBlock):
        return []
    return [s for s in body.body if isinstance(s, cst.FunctionDef)]
