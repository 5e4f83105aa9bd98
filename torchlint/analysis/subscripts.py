"""What indexing reads (``x[...]``): an entry of a batch or a settings dict, a
member of a list or a tuple, a part of a model, a row of a tensor or an array (where
it is, with its dims), an item of a Dataset or of a class's ``__getitem__``; and the
meetings an index makes (a CPU tensor indexed by one on a device)."""

from __future__ import annotations

from dataclasses import replace
from functools import reduce

import libcst as cst

from torchlint.analysis import (
    arrays,
    batches,
    config_files,
    derived,
    dicts,
    dims,
    frames,
    gpus,
    graphs,
    joins,
    loaders,
    numbers,
    plots,
)
from torchlint.analysis.loops import MODULES_BY_KEY
from torchlint.analysis.names import string_key
from torchlint.analysis.scope import Scope
from torchlint.analysis.torch_api import PROCESSOR_FIELD_DTYPES
from torchlint.analysis.values import (
    UNKNOWN,
    Gpu,
    Kind,
    Value,
    entry,
    list_member,
    merge_values,
    new_ident,
    plain_text,
    submodule,
)

# What a list whose members are data holds (``_arrays``).
_ARRAYS = frozenset({Kind.TENSOR, Kind.MOVED, Kind.NDARRAY})


def _index_meetings(scope: Scope, owner: Value, node: cst.Subscript) -> None:
    """The meetings the index of ``node`` makes with ``owner``, what it indexes."""
    for element in node.slice:
        if isinstance(element.slice, cst.Index) and isinstance(
            element.slice.value,
            (cst.Call, cst.Comparison, cst.Name, cst.Attribute, cst.Subscript),
        ):
            # x[np.argsort(np.asarray(t))]: observed; x[mask], x[labels],
            # x[labels[:, 0]]: a CPU tensor indexed by a tensor on a device fails
            by = scope.eval(element.slice.value)
            if by.kind == Kind.TENSOR:
                joins.indexed(scope, owner, by, node, element.slice.value)
            arrays.indexed_by(scope, owner, by, node, element.slice.value)


def stored(scope: Scope, node: cst.Subscript) -> None:
    """``mask[scores >= t] = 1.0``: a store indexes as a read does (``index_put_``
    refuses an index on another device than a CPU tensor as indexing does)."""
    _index_meetings(scope, scope.eval(node.value), node)


def read(scope: Scope, node: cst.Subscript) -> Value:
    """What ``node`` reads, observing the meetings its index makes."""
    owner = scope.eval(node.value)
    _index_meetings(scope, owner, node)
    number = numbers.shape_entry(node)
    if number is not None:
        return number  # L = x.shape[-1]: an int
    if (graphs_of := graphs.of_dataset(owner, node=node)) is not None:
        return graphs_of  # dataset[:1000] of a graph dataset
    if owner.kind == Kind.ENCODING:
        key = string_key(node) or key_held(scope, node)
        known = entry(owner, key)
        if known is not None and owner.module_input and not known.handed():
            # (the dict was handed to a module's forward: so was its entry, by
            # that argument of the module call)
            return replace(known, events=(*known.events, *owner.handed()))
        if known is not None:
            return known  # batch["x"] of {"x": x, ...}
        if owner.keys:
            return UNKNOWN  # an entry the code did not show being set
        entry_of = replace(loaders.field(owner, key), ident=new_ident(), items=(), keys=())
        return dims.mark(entry_of, dims.has(owner))  # enc["input_ids"]
    if owner.kind == Kind.OPTIONS and owner.keys:
        return entry(owner, string_key(node)) or UNKNOWN  # cfg["device"]
    if (chosen := config_files.device_entry(owner, string_key(node), node)) is not None:
        gpus.record(scope, node, Gpu.CHOSEN)
        return chosen  # cfg["device"] of yaml.safe_load(fh): the user's choice
    if (held := dicts.memo_entry(owner)) is not None:
        return held  # MODELS[kind] of a cache filled with (tok, model)
    if owner.kind in (Kind.MODULE, Kind.WRAPPER):
        # model.layers[3]; scope.blocks[i] of a list of the file's blocks
        return list_member(owner) or submodule(owner)
    if frames.is_frame(owner):
        # df[cols], df.iloc[:, :-1]; row = df.iloc[idx]; row["label"]
        index = node.slice[0].slice if len(node.slice) == 1 else None
        plain = isinstance(index, cst.Index) and isinstance(
            index.value, (cst.Name, cst.Integer, cst.Attribute)
        )
        by = scope.eval(index.value) if plain else UNKNOWN  # type: ignore[union-attr]
        return frames.selected(owner, node, by)
    if owner.kind == Kind.OBJECT and owner.origin == plots.AXES:
        return owner  # axs[0, 1]
    if owner.kind == Kind.OBJECT:
        # images[i] of a class of the file: what its __getitem__ returns
        item = scope.method_of(owner, "__getitem__", node, [])
        if item is not None:
            return item
    if owner.kind == Kind.DATASET and owner.items and owner.items[0].kind is not None:
        return replace(owner.items[0], ident=new_ident(), moved_from=0)  # dataset[0]
    if owner.kind in (Kind.TENSOR, Kind.NDARRAY, Kind.MOVED):
        made = replace(owner, ident=new_ident(), moved_from=0)  # x[:, -1], batch["x"]
        made = derived.derive(scope, made, owner, node)
        return dims.mark(made, dims.indexed(node))
    if owner.kind == Kind.TUPLE:
        index = node.slice[0].slice if len(node.slice) == 1 else None
        if isinstance(index, cst.Index) and isinstance(index.value, cst.Integer):
            i = int(index.value.value)
            return owner.items[i] if i < len(owner.items) else UNKNOWN
    if owner.kind == Kind.LIST and owner.origin == MODULES_BY_KEY and owner.items:
        return owner.items[0]  # procs[name]
    if owner.kind == Kind.LIST and all(isinstance(e.slice, cst.Slice) for e in node.slice):
        return owner  # layers[:-1]: some of the same members
    if owner.kind == Kind.LIST and _one_member(node) and _arrays(owner):
        # batch[0] of [f(v) for v in batch], cameras[idx]: a member (all of
        # them merged)
        merged = reduce(merge_values, owner.items)
        return replace(merged, ident=new_ident(), moved_from=0)
    if owner.kind is None and id(node) in scope.w.batch_entries():
        return batches.entry(node)  # (its other entries the function moves)
    if owner.kind is None and string_key(node) in PROCESSOR_FIELD_DTYPES:
        # batch["input_ids"] of a batch handed in: a tensor, where and in what dtype
        # not known (no dict of models or settings keys a tokenizer's field)
        return Value(Kind.TENSOR, ident=new_ident())
    return UNKNOWN


def _one_member(node: cst.Subscript) -> bool:
    """``x[0]``, ``x[-1]``, ``x[idx]``: one member, by a position (no slice or key)."""
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return False
    value = node.slice[0].slice.value
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
        value = value.expression
    return isinstance(value, (cst.Integer, cst.Name, cst.Attribute, cst.BinaryOperation))


def _arrays(value: Value) -> bool:
    """A list whose members are tensors or arrays, or dicts of them by key, or
    records (tuples) that hold one (``self.items.append((adj, feats, n))``)."""
    return bool(value.items) and all(
        v.kind in _ARRAYS
        or (v.kind == Kind.ENCODING and bool(v.keys))
        or (v.kind == Kind.TUPLE and any(m.kind in _ARRAYS for m in v.items))
        for v in value.items
    )


def key_held(scope: Scope, node: cst.Subscript) -> str | None:
    """``batch[col]`` where ``col`` holds a string the code wrote (a comprehension
    over a list of column names, ``[batch[c] for c in COLS]``, binds each in turn),
    or ``TD[robot + "_orig"]`` of such strings joined with ``+``."""
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    index = node.slice[0].slice.value
    held: Value | None
    if (
        type(index) is cst.BinaryOperation
        and isinstance(index.operator, cst.Add)
        and cst.SimpleString in (type(index.left), type(index.right))
    ):
        held = scope.eval(index)  # (a string written out joined to another)
    elif type(index) is cst.Name:
        held = scope.env.get(index.value)
    else:
        return None
    return plain_text(held)
