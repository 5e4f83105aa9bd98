"""Which expressions of a unit make a module, as the flow analysis reads them: a
constructor of ``torch.nn`` or of a class of the file, a loader (``from_pretrained``),
a function of the file that returns one, a name that holds one. A mixin of ``Unit``."""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection

from torchlint.analysis.torch_api import LIBRARY_MODEL_BUILDERS, MODEL_LOADERS, makes_module
from torchlint.screen.trees import dotted, is_device_move, within, without_modes


class ModuleSources:
    classes: set[str]  # the module classes of the file
    functions: set[str]  # the functions of the file
    modules: set[str]  # names assigned a module
    qualify: Callable[[str], str | None]
    in_project: Callable[[str], bool]  # imported from another file of the project

    def is_module_source(self, call: ast.Call) -> bool:
        """A call the flow analysis takes to create a module (``library_call`` in
        ``analysis/effects.py``, ``call`` in ``analysis/expressions.py``):
        ``torch.nn.X(...)`` however imported, a class of the file, ``from_pretrained``
        (any owner), ``timm.create_model``, ``torchvision.models.*``. (PEFT and the
        parallel wrappers only wrap a module that was made by one of these.)"""
        if isinstance(call.func, ast.Attribute) and call.func.attr in MODEL_LOADERS:
            return True
        name = dotted(call.func)
        if name is None:
            return self._by_name(call.func)
        q = self.qualify(name)
        if q is None:
            return name in self.classes
        return makes_module(q) or q in LIBRARY_MODEL_BUILDERS  # (clip.load, torch.jit.load)

    def _by_name(self, func: ast.expr) -> bool:
        """``models.__dict__[arch]`` / ``getattr(models, arch)`` of torchvision.models
        (``loaders.by_name`` in the flow analysis)."""
        if type(func) is ast.Subscript and type(func.value) is ast.Attribute:
            owner = dotted(func.value.value) if func.value.attr == "__dict__" else None
        elif type(func) is ast.Call and dotted(func.func) == "getattr" and len(func.args) == 2:
            owner = dotted(func.args[0])
        else:
            return False
        return owner is not None and self.qualify(owner) == "torchvision.models"

    def may_make_module(self, node: ast.AST) -> bool:
        """A call that makes a module, or of a function of the file (TL302 follows
        what it returns), or of a class another file of the project may define as a
        module, also moved or cast on the way (``build().to(device)``)."""
        while isinstance(node, ast.Call):
            name = dotted(node.func)
            if self.is_module_source(node) or name in self.functions:
                return True
            if self.project_class(node):
                return True  # Metric(...) of another file: a module class there, maybe
            if isinstance(node.func, ast.Subscript):
                return True  # BLOCKS[name](...): a table of classes, maybe
            if not isinstance(node.func, ast.Attribute):
                return False
            node = node.func.value
        return False

    def project_class(self, node: ast.AST) -> bool:
        """``TwinQNetwork(...)`` of a class another file of the project may define as
        a module (``agent.target_critic = TwinQNetwork(...)`` attaches one, maybe)."""
        name = dotted(node.func) if isinstance(node, ast.Call) else None
        return name is not None and name.rpartition(".")[2][:1].isupper() and self.in_project(name)

    def value_is_module(self, node: ast.AST, builders: Collection[str] = ()) -> bool:
        """``nn.Linear(...)``, ``Net().half().to(device)``, a name of a module; with
        ``builders``, also a call of one of them on the way (``may_make_module``)."""
        if isinstance(node, ast.IfExp):  # nn.Linear(...) if n else nn.Identity()
            return self.value_is_module(node.body) or self.value_is_module(node.orelse)
        while isinstance(node, ast.Call):
            if self.is_module_source(node) or (builders and dotted(node.func) in builders):
                return True
            if not isinstance(node.func, ast.Attribute):
                return False
            node = node.func.value
        name = dotted(node)
        return name is not None and within(name, self.modules)

    def placed_module(self, value: ast.expr, placed: set[str]) -> bool:
        """``return model.to(device)`` (or ``.eval()`` of it, or ``model`` moved) of a module."""
        value = without_modes(value)
        if isinstance(value, ast.Call) and is_device_move(value):
            value = value.func.value  # type: ignore[attr-defined]
        elif not within(dotted(value) or "", placed):
            return False
        return self.value_is_module(value, self.functions)
