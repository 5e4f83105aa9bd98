"""Helpers shared by the placement rules (``placement.py``) and the tensor-move rules
(``moves.py``), no rules here: how a message names a device and a value, and whether
a device expression can be written where a fix would put it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import libcst as cst

from torchlint.analysis.names import dotted, root_name
from torchlint.analysis.values import Event


def device_text(event: Event, code: Callable[[cst.CSTNode], str] | None = None) -> str:
    """How a message names where something was moved: the code when it is short."""
    node = event.node
    if code is not None and isinstance(node, cst.Arg) and node.keyword is not None:
        # from_pretrained(..., device_map={"": 0})
        text = f"{node.keyword.value}={code(node.value)}"
        if len(text) <= 40:
            return f"the device of `{text}`"
    if code is not None and isinstance(node, cst.Call) and node.args and len(node.args) == 1:
        text = code(node.args[0].value)
        if len(text) <= 40:
            return f"`{text}`"
    return {"var": "a device variable", "cuda": "cuda", "prepared": "the accelerator"}.get(
        event.detail, event.detail
    )


def usable(expr: cst.BaseExpression | None, bound: Iterable[str]) -> bool:
    """Whether ``expr`` can be written at a line where ``bound`` names exist."""
    if expr is None:
        return False
    if isinstance(expr, (cst.SimpleString, cst.Integer)):
        return True
    if isinstance(expr, cst.Call):  # torch.device("cuda", 0)
        return dotted(expr.func) == "torch.device" and all(
            usable(a.value, bound) for a in expr.args
        )
    if isinstance(expr, (cst.Name, cst.Attribute)):
        root = root_name(expr)
        # (``self`` only in a method: where ``self.`` attributes are bound)
        return root is not None and (
            root in bound or (root == "self" and any(b.startswith("self") for b in bound))
        )
    return False


def model_name(callee: str) -> str:
    """The model a call runs: ``model`` of ``model.generate``, ``self.model`` of
    ``self.model.generate``."""
    parts = callee.split(".")
    return ".".join(parts[:2]) if parts[0] == "self" and len(parts) > 1 else parts[0]


def name_of(node: cst.BaseExpression, ctx_code: str) -> str:
    return dotted(node) or ctx_code
