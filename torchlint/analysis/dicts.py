"""Dicts of tensors the code builds: a literal (``{"x": x, "y": y}``), or ``{}``
filled key by key (``out[k] = v.to(device)`` in a loop). What they hold, by key
where the keys are known, is an ENCODING (``values.keyed``)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from torchlint.analysis.order import contains
from torchlint.analysis.torch_api import dtype_named
from torchlint.analysis.values import (
    BATCH,
    BATCH_ENTRY,
    EMPTY_DICT,
    MAYBE_DTYPE,
    NONE,
    NOT_TENSOR,
    PARAMETER,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    keyed,
    new_ident,
)

if TYPE_CHECKING:
    from torchlint.analysis.scope import Scope

_ARRAYS = frozenset({Kind.TENSOR, Kind.MOVED, Kind.NDARRAY})
# A cache: ``{}`` filled under keys the code does not know with one kind of thing that
# is no tensor (``MODELS[kind] = (tok, model.to(device))``, ``self._slots[name] =
# {"m": ...}``). Any entry read back (``return MODELS[kind]``) is what was stored.
MEMO = "dict:memo"
# (numpy arrays too: ``vectors[word] = np.array(vals)``, a dict of arrays by word)
_MEMO_KINDS = frozenset({Kind.MODULE, Kind.WRAPPER, Kind.TUPLE, Kind.ENCODING, Kind.NDARRAY})
# The origin of a dict of settings (``settings``): Kind.OPTIONS, entries by key.
SETTINGS = "settings"


def empty() -> Value:
    return Value(None, origin=EMPTY_DICT, ident=new_ident())


def filled(owner: Value, key: str | None, value: Value) -> Value | None:
    """The dict ``owner`` after ``owner[key] = value``, when it is ``{}`` as written or
    a dict of tensors by key of unknown keys; None when that tells nothing new. Built
    with keys it does not know (``out[k] = v.to(device)`` in a loop), it is a dict of
    tensors (an ENCODING without keys) where its tensors are: entries known to be no
    tensors (a list, a number, ``v`` past ``if torch.is_tensor(v)``) do not decide
    where; one of unknown kind makes it unknown."""
    arrays = _ARRAYS | {Kind.ENCODING}
    other = value.kind not in arrays and (
        value.kind is not None or value.origin in (NOT_TENSOR, NONE.origin)
    )
    if owner.kind is None and owner.origin in (EMPTY_DICT, MEMO) and key is None:
        memo = _memo(owner, value)
        if memo is not None:
            return memo
    if owner.kind is None and owner.origin == EMPTY_DICT:
        if value.kind in arrays:
            if key is not None:
                return keyed([key], [value])
            held = replace(value, kind=Kind.ENCODING, keys=(), items=(), moved_from=0)
            # (the dict keeps its own identity; its entries, their dimensions)
            return replace(held, ident=owner.ident, shaped=owner.ident if value.has_dims() else 0)
        # (a dict of settings, ``d["n"] = 3``, is no dict of tensors: unknown)
        return None if other and key is None else UNKNOWN
    if owner.kind != Kind.ENCODING or owner.keys or value.kind not in arrays:
        return None
    if value.device == owner.device and value.dtype == owner.dtype:
        return None
    return replace(
        owner,
        device=owner.device if value.device == owner.device else Place.MAYBE,
        dtype=owner.dtype if value.dtype == owner.dtype else MAYBE_DTYPE,
    )


def _memo(owner: Value, value: Value) -> Value | None:
    """``cache[key] = value`` on ``{}`` or a cache: the cache of ``value``, when it
    is a module, a tuple or a dict of tensors by key; the first store decides, a second
    of another object makes the cache unknown."""
    if value.kind not in _MEMO_KINDS or (value.kind == Kind.ENCODING and not value.keys):
        return UNKNOWN if owner.origin == MEMO else None
    if owner.origin == MEMO:
        return None if owner.items and owner.items[0].ident == value.ident else UNKNOWN
    return replace(owner, origin=MEMO, items=(value,))


def memo_entry(owner: Value) -> Value | None:
    """What any entry of a cache (``_memo``) is; None for any other dict."""
    if owner.kind is None and owner.origin == MEMO and owner.items:
        return owner.items[0]
    return None


def namespace(scope: Scope, node: cst.Call, q: str, args: list[tuple[cst.Arg, Value]]) -> Value:
    """``SimpleNamespace(pos=pos, batch=batch)`` holding tensors: entries by name, read
    as attributes (``graph.pos``), as a dict's are by key; else unknown."""
    if not args or any(a.keyword is None for a, _ in args):
        return UNKNOWN
    keys, values = [a.keyword.value for a, _ in args if a.keyword], [v for _, v in args]
    if not any(v.kind in _ARRAYS or (v.kind == Kind.ENCODING and v.keys) for v in values):
        return UNKNOWN
    return keyed(keys, values)


def literal(scope: Scope, node: cst.Dict) -> Value:
    """``{"x": x, "y": y}`` (also ``{**sample, "img": img}``) holding a tensor or
    an array, or such a dict (``{"camera": {"R": r}}``): a dict whose entries are
    known by key; else unknown."""
    entries: dict[str, Value] = {}
    written: dict[str, cst.BaseExpression] = {}
    known = True
    for element in node.elements:
        if isinstance(element, cst.StarredDictElement):
            inner = scope.eval(element.value)
            if inner.kind == Kind.ENCODING and inner.keys:
                entries.update(zip(inner.keys, inner.items, strict=True))
            else:
                known = False
            continue
        assert isinstance(element, cst.DictElement)
        scope.eval(element.key)
        # (a dtype by its name, {"dtype": "float16"}: what getattr(torch, ...) reads)
        value = dtype_named(element.value) or scope.eval(element.value)
        key = element.key.evaluated_value if isinstance(element.key, cst.SimpleString) else None
        if isinstance(key, str):
            entries[key] = value
            written[key] = element.value
        else:
            known = False
    entries = _left_unmoved(node, entries, written)
    if known and not any(
        v.kind in _ARRAYS or (v.kind == Kind.ENCODING and v.keys) for v in entries.values()
    ):
        return settings(entries)
    if not known:
        return UNKNOWN
    return keyed(list(entries), list(entries.values()))


def _left_unmoved(
    node: cst.Dict, entries: dict[str, Value], written: dict[str, cst.BaseExpression]
) -> dict[str, Value]:
    """A batch rebuilt with its entries moved (``{"ids": b["ids"].to(device), ...}``)
    but one a DataLoader made on the CPU: that entry gets a "put" event, its line
    (where the move was left out, the line to change)."""
    moved = [
        v
        for k, v in entries.items()
        if v.kind in (Kind.TENSOR, Kind.MOVED)
        and v.on_accelerator
        and (m := v.last("move")) is not None
        and k in written  # (not an entry of a ``**batch`` spread into it)
        and contains(written[k], m.node)
    ]
    if not moved:
        return entries
    return {
        k: replace(v, events=(*v.events, Event("put", written[k], k)))
        if k in written
        and v.kind == Kind.TENSOR
        and v.device == Place.CPU
        and v.origin in (BATCH, BATCH_ENTRY)
        else v
        for k, v in entries.items()
    }


def settings(entries: dict[str, Value]) -> Value:
    """``{"device": [torch.device("cuda:1")], "lr": 0.1}``: a dict of settings, the
    user's options by key, when it names a device or a dtype (a list of them too), or
    a model's parameters (an optimizer's group: ``{"params": m.parameters(), "lr": lr}``);
    else unknown."""
    data = (Kind.DEVICE, Kind.DTYPE, Kind.PARAMS, Kind.MODULE, Kind.WRAPPER)
    if not any(
        v.kind in data
        or (
            v.kind in (Kind.TUPLE, Kind.LIST)
            # ({"params": [p], "lr": lr} for a parameter p of a model, or a list of
            # the parameters a loop over ``named_parameters()`` picked)
            and any(i.kind in data or i.origin.startswith(PARAMETER) for i in v.items)
        )
        for v in entries.values()
    ):
        return UNKNOWN
    return Value(
        Kind.OPTIONS,
        origin=SETTINGS,
        ident=new_ident(),
        items=tuple(entries.values()),
        keys=tuple(entries),
    )


def popped(scope: Scope, owner: Value, key: str) -> Value:
    """``batch.pop(key)`` of a dict whose entries are known: that entry; the dict
    keeps the others (as it is, for every name that holds it)."""
    index = owner.keys.index(key)
    kept = keyed(
        owner.keys[:index] + owner.keys[index + 1 :], owner.items[:index] + owner.items[index + 1 :]
    )
    scope.update_ident(owner.ident, replace(kept, origin=owner.origin))
    return owner.items[index]
