"""pandas frames in the flow analysis: a frame a reader made (``pd.read_csv``), the
frames its methods, columns and row selections give, and the numbers it holds
(``df.values``, ``df.to_numpy()``): an array in the frame's dtype where
``astype`` says it, else ``PANDAS_NUMBERS`` (int64 or float64, which ``arrays``
reads as float64 after floating arithmetic)."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis.array_api import FRAME_KEEPS, PANDAS_FRAME, PANDAS_NUMBERS, PANDAS_ROW
from torchlint.analysis.arrays import numpy_dtype
from torchlint.analysis.names import string_key
from torchlint.analysis.scope import Scope
from torchlint.analysis.values import (
    MAYBE_DTYPE,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    new_ident,
    new_value,
)


def is_frame(value: Value) -> bool:
    """A frame, or one of its rows (a Series)."""
    return value.kind == Kind.OBJECT and value.origin in (PANDAS_FRAME, PANDAS_ROW)


# What a row (a Series) has under these names besides its cells.
_SERIES_ATTRIBUTES = frozenset(
    """values index name dtype dtypes shape size ndim empty T iloc loc at iat array axes
    attrs flags hasnans is_unique nbytes str dt cat plot""".split()
)


def selected(owner: Value, node: cst.Subscript, index: Value) -> Value:
    """``df[cols]``, ``df.iloc[:, :-1]``: a frame of the same dtypes; ``df.iloc[idx]``
    of one position (a number, or a name the walk does not know as a list or an
    array: a Dataset's ``idx``): one row; ``row["label"]`` of a row: a cell."""
    if owner.origin == PANDAS_ROW and string_key(node) is not None:
        return cell(owner)
    position = node.slice[0].slice if len(node.slice) == 1 else None
    if (
        isinstance(position, cst.Index)
        and isinstance(node.value, cst.Attribute)
        and node.value.attr.value == "iloc"
        and isinstance(position.value, (cst.Name, cst.Integer, cst.Attribute))
        and index.kind in (None, Kind.NUMBER)
    ):
        return replace(owner, ident=new_ident(), origin=PANDAS_ROW)
    return replace(owner, ident=new_ident(), origin=PANDAS_FRAME)


def cell(row: Value) -> Value:
    """One cell of a row: a number in the frame's dtype where ``astype`` said it, else
    pandas' int64 or float64 (``PANDAS_NUMBERS``)."""
    return Value(Kind.NUMBER, dtype=row.dtype, origin=PANDAS_NUMBERS)


# pandas functions that make a frame of frames: ``pd.concat([num, cat], axis=1)``
# (the columns' dtypes kept), ``pd.get_dummies(df[cols])`` (bool columns, or uint8).
_FRAME_BUILDERS = frozenset({"pandas.concat", "pandas.get_dummies"})


def builds(q: str) -> bool:
    return q in _FRAME_BUILDERS


def built(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``pd.concat`` of a list of frames: a frame, in their dtype where they all have
    the same (else pandas' numbers); ``pd.get_dummies``: a frame of unknown dtype (bool
    in pandas 2, uint8 before), which its ``.astype(float)`` decides."""
    made = Value(Kind.OBJECT, origin=PANDAS_FRAME, ident=new_ident())
    if q == "pandas.get_dummies":
        return made
    given = args[0][1] if args and args[0][0].keyword is None else UNKNOWN
    if given.kind not in (Kind.TUPLE, Kind.LIST) or not given.items:
        return UNKNOWN
    if not all(is_frame(v) for v in given.items):
        return UNKNOWN  # (a list of Series, or a frame of the file's own: not read)
    dtypes = {v.dtype for v in given.items}
    return replace(made, dtype=dtypes.pop() if len(dtypes) == 1 else None)


def method(node: cst.Call, receiver: Value, name: str) -> Value:
    """``df.to_numpy()``: its numbers; ``df.astype("float32")``: a frame of that
    dtype; ``df.drop(columns=...)``, ``df.dropna()``: a frame of the same dtypes."""
    if name == "to_numpy":
        given = next((a for a in node.args if a.keyword and a.keyword.value == "dtype"), None)
        if given is None:
            return numbers(receiver, node)
        # (series.to_numpy(dtype=np.int32): an array of that dtype, made here)
        dtype = numpy_dtype(given.value)
        made = new_value(Kind.NDARRAY, Place.CPU, None, Event("create", node))
        return made if dtype == MAYBE_DTYPE else replace(made, dtype=dtype)
    if name == "astype" and node.args and node.args[0].keyword is None:
        dtype = numpy_dtype(node.args[0].value)
        return replace(receiver, ident=new_ident(), dtype=None if dtype == MAYBE_DTYPE else dtype)
    if name in FRAME_KEEPS:
        return replace(receiver, ident=new_ident())
    if name in _FRAME_RESHAPES or name in _FRAME_MAPS:
        # df.pivot_table(...), df.pivot(...): a frame, of dtypes the aggregation decides;
        # df[col].map(mapping): one of the values the mapping gives
        return replace(receiver, ident=new_ident(), dtype=None)
    if name in _FLOAT_STATISTICS and not node.args:
        return replace(receiver, ident=new_ident(), dtype="float64")  # df.mean(): float64
    return UNKNOWN


# Frame methods that reshape it into another frame (``df.pivot_table(index=...,
# columns=..., values=...)``): pandas returns a DataFrame.
_FRAME_RESHAPES = frozenset({"pivot_table", "pivot"})


# Methods that map a frame's (or a column's) values elementwise: ``df["label"].map(
# {"cat": 0, "dog": 1})`` is a Series of what the mapping gives.
_FRAME_MAPS = frozenset({"map", "applymap"})


# Statistics of a frame's columns that pandas computes in float64, whatever the
# columns' numbers: ``(df - df.mean()) / df.std()``.
_FLOAT_STATISTICS = frozenset({"mean", "std", "var", "median", "sem"})


def arithmetic(node: cst.BinaryOperation, left: Value, right: Value) -> Value | None:
    """``df - df.mean()``, ``df / 255``, ``(df - lo) / (hi - lo)``: a frame, in float64
    where either side is or the operator divides (pandas' numbers are int64 or
    float64); None where neither side is a frame, or the other side is not a frame or
    a number."""
    sides = (left, right)
    if not any(is_frame(v) for v in sides) or not all(
        is_frame(v) or v.kind == Kind.NUMBER for v in sides
    ):
        return None
    frame = left if is_frame(left) else right
    floating = isinstance(node.operator, cst.Divide) or any(
        v.dtype == "float64" or (v.kind == Kind.NUMBER and v.dtype == "float32") for v in sides
    )
    return replace(frame, ident=new_ident(), dtype="float64" if floating else frame.dtype)


def attribute(owner: Value, node: cst.Attribute) -> Value:
    """``df.values``: its numbers; ``df.iloc``, ``df.loc``, ``df.T``: the frame's rows
    and columns, of the same dtypes."""
    name = node.attr.value
    if name == "values":
        return numbers(owner, node)
    if owner.origin == PANDAS_ROW and name not in _SERIES_ATTRIBUTES and not name.startswith("_"):
        return cell(owner)  # row.diagnosis
    if name in ("iloc", "loc", "T"):
        return replace(owner, ident=new_ident())
    return UNKNOWN


def numbers(owner: Value, node: cst.CSTNode) -> Value:
    made = new_value(Kind.NDARRAY, Place.CPU, owner.dtype, Event("create", node))
    return made if owner.dtype else replace(made, origin=PANDAS_NUMBERS)
