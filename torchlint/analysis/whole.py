"""Whole numbers in a floating dtype: class ids cast to a float.

A segmentation mask read as ``uint8`` and converted with ``.float()`` (or
``mask.astype("float32")`` before ``torch.from_numpy``) still holds class ids; so does
``torch.randint(...).float()``. ``cross_entropy`` takes a floating target only as
class probabilities, with the input's shape (a class dimension), so such a target
fails with "expected scalar type Long but found Float". What keeps the fact: a move,
a cast to another float, and the operations that only reshape or select
(``view``, ``squeeze``, indexing, ``stack``/``cat`` of such tensors, collation by a
DataLoader). What forgets it: anything that computes new values (arithmetic,
``softmax``, ``mean``), and ``F.one_hot``, whose rows are a distribution over
classes once cast."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.array_api import PANDAS_NUMBERS
from torchlint.analysis.names import called_name
from torchlint.analysis.torch_api import FLOATING_DTYPES
from torchlint.analysis.values import Event, Kind, Value

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope

# Class ids cast from these are whole numbers (not bool: a stack of boolean masks
# cast to a float is one-hot, ``np.stack([mask == v for v in ids]).astype(float)``).
CLASS_ID_DTYPES = frozenset({"int64", "int32", "int16", "int8", "uint8"})

# Tensor methods (and torch functions of one tensor) whose result holds the same
# numbers, reshaped, selected or rounded.
KEEPS_WHOLE = frozenset(
    """detach contiguous clone unsqueeze squeeze view view_as reshape reshape_as permute
    transpose flatten unflatten expand expand_as repeat repeat_interleave flip roll narrow
    select index_select gather chunk split unbind tensor_split t round floor ceil
    __getitem__""".split()
)


def after_cast(receiver: Value, dtype: str | None, cast: Event | None) -> tuple[Event | None, bool]:
    """``receiver`` cast to ``dtype`` (None: only moved) at ``cast``: the result's
    ``whole`` and ``one_hot``."""
    if dtype is None:
        return receiver.whole, receiver.one_hot
    if dtype not in FLOATING_DTYPES:
        return None, receiver.one_hot and dtype in CLASS_ID_DTYPES
    if receiver.whole is not None:
        return receiver.whole, False  # (float16 holds whole numbers up to 2048 exactly)
    if receiver.dtype in CLASS_ID_DTYPES and not receiver.one_hot and cast is not None:
        return cast, False
    return None, False


def from_data(name: str, first: tuple[cst.Arg, Value], made: Value, created: Event) -> Value:
    """``torch.tensor(data)``, ``torch.from_numpy(a)`` (``name``) made at ``created``
    from its first argument: an array's numbers as they were (``converted``); and
    ``torch.tensor(class_idx, dtype=torch.float)``: one Python int (or a list of one)
    made a floating tensor holds a class id, as a cast of an integer tensor does. (Not
    a longer list of ints: ``[0, 1, 0]`` may be a one-hot row.)"""
    arg, value = first
    made = converted(made, value)
    if name == "from_numpy" or arg.keyword is not None or made.dtype not in FLOATING_DTYPES:
        return made
    data = arg.value
    if isinstance(data, (cst.List, cst.Tuple)) and len(data.elements) == 1:
        value = value.items[0] if len(value.items) == 1 else Value(None)
        data = data.elements[0].value
    if isinstance(data, cst.Integer) or (value.kind == Kind.NUMBER and value.dtype == "int64"):
        return replace(made, whole=created)
    if value.kind == Kind.NUMBER and value.origin == PANDAS_NUMBERS and value.dtype is None:
        # (a cell of a frame's row, ``row.diagnosis``: pandas' int64, or float64; a
        # tensor of one number either way, which cross_entropy reads as a class index)
        return replace(made, whole=created)
    return made


def after_op(value: Value, op: str) -> Value:
    """The result of ``op`` on ``value`` (a tensor method, or a torch function of it)."""
    if op == "one_hot":
        return replace(value, whole=None, one_hot=True)
    if op in KEEPS_WHOLE:
        return value
    return replace(value, whole=None, one_hot=False) if value.whole or value.one_hot else value


def converted(made: Value, source: Value) -> Value:
    """``torch.from_numpy(a)``, ``torch.as_tensor(a)``, ``np.asarray(a)``: the same
    numbers as ``source``."""
    if source.whole is None or made.dtype not in FLOATING_DTYPES:
        return made
    return replace(made, whole=source.whole)


# Factories of one value given a size: a buffer made to be filled (``torch.full``'s
# value is its second argument).
_BUFFERS = {"zeros": None, "ones": None, "empty": None, "full": 1}


def write(scope: Scope, owner: Value, value: Value) -> None:
    """``owner[...] = value`` in ``scope``: the buffer, for every name holding it."""
    filled = written(owner, value) if owner.ident else None
    if filled is not None:
        scope.update_ident(owner.ident, filled)


def written(owner: Value, value: Value) -> Value | None:
    """``buf[i, :n] = ids``: integer class ids (or ids already cast to a float) written
    into a floating tensor (or array) a factory made with a whole number
    (``torch.zeros``, ``torch.full(size, -1.0)``, ``np.zeros`` as padding): torch and
    numpy cast what is written to the buffer's dtype, so the buffer holds class ids as
    floats, as ``ids.float()`` would. The fact lands on the factory, the line that
    chose the dtype. None where nothing changes."""
    floating = owner.dtype in FLOATING_DTYPES
    if owner.kind not in (Kind.TENSOR, Kind.NDARRAY) or not floating or owner.whole:
        return None
    if value.kind not in (Kind.TENSOR, Kind.NDARRAY) or value.one_hot:
        return None
    if value.whole is None and value.dtype not in CLASS_ID_DTYPES:
        return None
    made = owner.last("cast", "create", "join")
    if made is None or made.action != "create" or not isinstance(made.node, cst.Call):
        return None
    name = called_name(made.node)
    if name not in _BUFFERS:
        return None
    at = _BUFFERS[name]
    if at is not None:  # torch.full(size, fill_value): a whole number written
        args = [a.value for a in made.node.args if a.keyword is None and not a.star]
        fill = [a.value for a in made.node.args if a.keyword and a.keyword.value == "fill_value"]
        fill = fill or args[at : at + 1]
        if not fill or not _whole_literal(fill[0]):
            return None
    return replace(owner, whole=made)


def _whole_literal(node: cst.BaseExpression) -> bool:
    """``-1``, ``0.0``, ``-100.``: a number literal of a whole value."""
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        node = node.expression
    if isinstance(node, cst.Integer):
        return True
    return isinstance(node, cst.Float) and float(node.value).is_integer()
