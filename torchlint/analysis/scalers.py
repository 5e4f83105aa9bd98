"""scikit-learn's scalers (``StandardScaler()``, ``array_api.SKLEARN_SCALERS``): an
object whose ``fit_transform(X)`` / ``transform(X)`` make a new CPU array, float32 of
float32 data and float64 of anything else (scikit-learn 1.9: ``check_array`` asks for
``FLOAT_DTYPES``), the classic source of float64 features in tabular training code.
Each of its methods given data (``fit``, ``transform``, ``inverse_transform``, ...)
makes a numpy array of it with ``check_array``: a tensor on a GPU fails there ("can't
convert cuda:0 device type tensor to numpy"), as in scikit-learn's functions."""

from __future__ import annotations

import libcst as cst

from torchlint.analysis import arrays
from torchlint.analysis.array_api import (
    PANDAS_FRAME,
    PANDAS_NUMBERS,
    SKLEARN_SCALER_DATA_METHODS,
)
from torchlint.analysis.scope import Scope
from torchlint.analysis.values import UNKNOWN, Event, Kind, Place, Value, new_ident, new_value

SCALER = "sklearn scaler"  # (the origin of the object a scaler's class makes)


def scaler(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``StandardScaler()``: the scaler."""
    return Value(Kind.OBJECT, origin=SCALER, ident=new_ident())


def scaled(
    scope: Scope, node: cst.Call, receiver: Value, name: str, args: list[tuple[cst.Arg, Value]]
) -> Value:
    """``scaler.fit(X)``: the scaler; ``scaler.fit_transform(X)``, ``.transform(X)``
    of an array (or a frame) of known numbers: a new CPU array, float32 of float32,
    float64 of integers, float64 or pandas' numbers (int64 or float64); else unknown.
    A tensor on a device given to any of them is converted to numpy there."""
    if name in SKLEARN_SCALER_DATA_METHODS:
        arrays.library_call(scope, node, f"sklearn.preprocessing.{name}", args)
    if name == "fit":
        return receiver
    given = args[0][1] if args and args[0][0].keyword is None and not args[0][0].star else None
    if name not in ("fit_transform", "transform") or given is None:
        return UNKNOWN
    if given.kind != Kind.NDARRAY and not (
        given.kind == Kind.OBJECT and given.origin == PANDAS_FRAME
    ):
        return UNKNOWN
    family = (given.dtype or "").rstrip("0123456789")
    pandas = given.dtype is None and given.origin in (PANDAS_NUMBERS, PANDAS_FRAME)
    if given.dtype in ("float32", "float64"):
        dtype = given.dtype
    elif family in ("int", "uint", "bool") or pandas:
        dtype = "float64"
    else:
        return UNKNOWN
    return new_value(Kind.NDARRAY, Place.CPU, dtype, Event("create", node))
