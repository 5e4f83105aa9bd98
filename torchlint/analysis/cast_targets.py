"""Which expression of a cast holds a dtype, how sure that is, and the device that goes
with it: what TL101's fix writes into ``.to(device=..., dtype=...)``. Read from the
file's facts (``facts.py``), not the flow walk: the fix needs the code as written."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from torchlint.analysis.facts import FileFacts, FunctionFacts
from torchlint.analysis.torch_api import torch_dtype


@dataclass(frozen=True)
class DtypeExpr:
    """An expression judged to hold a dtype, and how sure we are."""

    node: cst.BaseExpression
    # True when it is provably a torch.dtype (a torch dtype name or an ``x.dtype``
    # attribute); False for a variable that is a dtype by name only.
    certain: bool
    # The tensor/parameter whose ``.dtype`` it is, when known: its ``.device`` is the
    # device that goes with this dtype.
    owner: cst.BaseExpression | None = None
    # For a variable: the expression it was assigned from (``dtype = w.dtype``).
    source: cst.BaseExpression | None = None


def dtype_expr(
    node: cst.BaseExpression,
    analysis: FileFacts,
    function: FunctionFacts | None,
    _depth: int = 0,
) -> DtypeExpr | None:
    if torch_dtype(node, analysis) is not None:
        return DtypeExpr(node, True)
    if isinstance(node, cst.Attribute) and node.attr.value == "dtype":
        return DtypeExpr(node, True, node.value)
    if isinstance(node, cst.Name):
        name = node.value
        if function is not None and _depth < 3:
            value = function.single_value(name)
            if value is not None:
                found = dtype_expr(value, analysis, function, _depth + 1)
                if found is not None:
                    return DtypeExpr(node, found.certain, found.owner, value)
        if "dtype" in name.lower():
            return DtypeExpr(node, False)
    return None


def device_in_scope(
    analysis: FileFacts, function: FunctionFacts | None, dtype: DtypeExpr | None
) -> cst.BaseExpression | None:
    """An expression for the device a cast should target, if the code shows one:
    the device of the tensor the dtype was read from, a ``device`` variable, or
    ``self.device`` on a class that has one."""
    if dtype is not None and dtype.owner is not None:
        return cst.Attribute(value=dtype.owner, attr=cst.Name("device"))
    if function is None:
        return None
    if function.binds("device"):
        return cst.Name("device")
    cls = function.cls
    if cls is not None and "self" in function.params[:1]:
        if "device" in cls.self_attrs or "device" in cls.methods:
            return cst.Attribute(value=cst.Name("self"), attr=cst.Name("device"))
    return None
