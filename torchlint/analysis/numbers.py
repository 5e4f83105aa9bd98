"""Python numbers the walk knows without torch: ``int(x)``, ``float(x)``, ``len(x)``,
a position in a sequence (``names.index(name)``), an entry of a shape (``x.shape[-1]``). A number says its dtype as
torch reads it (an int is int64, a float float32): ``torch.tensor(class_idx,
dtype=torch.float)`` of such an int holds a class id (``whole.py``)."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis.values import Kind, Value, new_ident

# The kinds of receivers whose ``.index(item)`` is a position: a list, a tuple, a
# string or a sequence the walk does not know (never a tensor, an array or a module).
_SEQUENCES = frozenset({None, Kind.LIST, Kind.TUPLE})
# What ``abs()`` computes with: numbers and tensors (what was moved computes too).
_COMPUTED = frozenset({Kind.NUMBER, Kind.TENSOR, Kind.MOVED})
_SUMMED = frozenset({Kind.TENSOR, Kind.MOVED, Kind.NDARRAY})


def builtin(name: str | None, args: list[tuple[cst.Arg, Value]]) -> Value | None:
    """``int(x)``, ``len(x)``: an int; ``float(x)``: a float; ``abs(x)``: as ``x``, a
    number or a tensor where it is (``err += abs(pred - y)``); ``sum(xs)`` of tensors
    or arrays: one where and as they are; None for other names."""
    if name in ("float", "int", "len") and not any(a.star for a, _ in args):
        return Value(Kind.NUMBER, dtype="float32" if name == "float" else "int64")
    if name == "abs" and len(args) == 1 and args[0][1].kind in _COMPUTED:
        return replace(args[0][1], ident=new_ident(), moved_from=0, whole=None)
    if name == "sum" and len(args) == 1 and args[0][0].keyword is None and not args[0][0].star:
        # sum(losses), sum(bits(s) for s in parts): 0 plus each member, a tensor
        # (an array) where and as they are; booleans count as int64
        listed = args[0][1]
        member = listed.items[0] if listed.kind == Kind.LIST and len(listed.items) == 1 else None
        if member is not None and member.kind in _SUMMED:
            dtype = "int64" if member.dtype == "bool" else member.dtype
            return replace(member, dtype=dtype, ident=new_ident(), moved_from=0, whole=None)
    return None


def position(
    func: cst.BaseExpression, receiver: Value, args: list[tuple[cst.Arg, Value]]
) -> Value | None:
    """``seq.index(item)`` of a list, a tuple or a string: an int; else None."""
    if (
        type(func) is cst.Attribute
        and func.attr.value == "index"
        and receiver.kind in _SEQUENCES
        and len(args) == 1
        and args[0][0].keyword is None
        and args[0][1].kind is None
    ):
        return Value(Kind.NUMBER, dtype="int64")
    return None


def shape_entry(node: cst.Subscript) -> Value | None:
    """``x.shape[-1]``: one entry of a shape, an int (not ``x.shape[1:]``); else None."""
    if (
        isinstance(node.value, cst.Attribute)
        and node.value.attr.value == "shape"
        and len(node.slice) == 1
        and isinstance(node.slice[0].slice, cst.Index)
    ):
        return Value(Kind.NUMBER, dtype="int64")
    return None


def default_number(node: cst.BaseExpression) -> Value | None:
    """A parameter's default that is a number: ``5``, ``-1``, ``0.5``,
    ``len(CLASSES)``; None for anything else."""
    node = node.expression if isinstance(node, cst.UnaryOperation) else node
    if isinstance(node, cst.Integer) or (
        isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "len"
    ):
        return Value(Kind.NUMBER, dtype="int64")
    return Value(Kind.NUMBER, dtype="float32") if isinstance(node, cst.Float) else None
