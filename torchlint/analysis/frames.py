"""pandas frames in the flow analysis: a frame a reader made (``pd.read_csv``), the
frames its methods, columns and row selections give, and the numbers it holds
(``df.values``, ``df.to_numpy()``): an array in the frame's dtype where
``astype`` says it, else ``PANDAS_NUMBERS`` (int64 or float64, which ``arrays``
reads as float64 after floating arithmetic)."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from torchlint.analysis.array_api import FRAME_KEEPS, PANDAS_FRAME, PANDAS_NUMBERS
from torchlint.analysis.arrays import numpy_dtype
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
    return value.kind == Kind.OBJECT and value.origin == PANDAS_FRAME


def method(node: cst.Call, receiver: Value, name: str) -> Value:
    """``df.to_numpy()``: its numbers; ``df.astype("float32")``: a frame of that
    dtype; ``df.drop(columns=...)``, ``df.dropna()``: a frame of the same dtypes."""
    if name == "to_numpy" and not any(a.keyword and a.keyword.value == "dtype" for a in node.args):
        return numbers(receiver, node)
    if name == "astype" and node.args and node.args[0].keyword is None:
        dtype = numpy_dtype(node.args[0].value)
        return replace(receiver, ident=new_ident(), dtype=None if dtype == MAYBE_DTYPE else dtype)
    if name in FRAME_KEEPS:
        return replace(receiver, ident=new_ident())
    return UNKNOWN


def attribute(owner: Value, node: cst.Attribute) -> Value:
    """``df.values``: its numbers; ``df.iloc``, ``df.loc``, ``df.T``: the frame's rows
    and columns, of the same dtypes."""
    name = node.attr.value
    if name == "values":
        return numbers(owner, node)
    if name in ("iloc", "loc", "T"):
        return replace(owner, ident=new_ident())
    return UNKNOWN


def numbers(owner: Value, node: cst.CSTNode) -> Value:
    made = new_value(Kind.NDARRAY, Place.CPU, owner.dtype, Event("create", node))
    return made if owner.dtype else replace(made, origin=PANDAS_NUMBERS)
