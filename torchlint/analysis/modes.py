"""A module's training mode as its methods read it: after ``model.eval()`` (or
``model.train(False)``) on an instance of a module class of the file, ``if
self.training:`` takes its ``else`` branch; ``model.train()`` the other one. A mode
the walk did not see stays unknown (both branches)."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis.scope import Scope
from torchlint.analysis.values import Value, flag


def training_mode(scope: Scope, module: Value, node: cst.Call) -> None:
    """``model.eval()`` / ``model.train(False)`` on an instance of a module class of
    the file: its methods read ``self.training`` as that flag from now on (a mode
    the call does not spell out forgets it)."""
    known = scope.w.objects.get(module.ident) if module.ident else None
    if known is None:
        return
    mode: bool | None = isinstance(node.func, cst.Attribute) and node.func.attr.value == "train"
    if mode and node.args:  # train(mode)
        given = node.args[0].value
        mode = {"True": True, "False": False}.get(given.value) if type(given) is cst.Name else None
    cls, attrs = known
    attrs = {k: v for k, v in attrs.items() if k != "self.training"}
    if mode is not None:
        attrs["self.training"] = flag(mode)
    scope.w.objects[module.ident] = (cls, attrs)
