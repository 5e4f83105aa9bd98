"""Datasets and DataLoaders: what a dataset's items are and what a loader over it
batches (the default collate keeps the items' dtypes and makes CPU tensors), for
torch's own datasets (``TensorDataset``, torchvision's, the subsets of
``random_split``), and a loader whose ``collate_fn`` is a function of the file or one
it imports from another file of the project (walked on the dataset's items); a
Dataset class of the file is read in ``calls.py``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import libcst as cst

from torchlint.analysis.array_api import TO_TENSOR, TORCHVISION_CLASSIFICATION_DATASETS
from torchlint.analysis.names import dotted, unzipped_rows
from torchlint.analysis.scope import Scope
from torchlint.analysis.values import (
    COLLATED,
    LAMBDA,
    LIBRARY,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    new_value,
)

Args = list[tuple[cst.Arg, Value]]

DATA_LOADERS = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
_TENSOR_DATASETS = frozenset(
    {"torch.utils.data.TensorDataset", "torch.utils.data.dataset.TensorDataset"}
)
_SPLITS = frozenset({"torch.utils.data.random_split", "torch.utils.data.dataset.random_split"})
_SUBSETS = frozenset({"torch.utils.data.Subset", "torch.utils.data.dataset.Subset"})


def loader(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    if any(a.keyword and a.keyword.value == "collate_fn" for a, _ in args):
        return UNKNOWN  # a collate function may move or convert the batch
    dataset = next(
        (v for a, v in args if a.keyword is None or a.keyword.value == "dataset"), UNKNOWN
    )
    if dataset.kind == Kind.LIST and len(dataset.items) == 1 and _on_cpu(dataset.items[0]):
        # DataLoader(samples) of a plain list of dicts (or tuples) of CPU tensors: the
        # default collate stacks them, on the CPU
        dataset = replace(dataset, kind=Kind.DATASET, device=Place.CPU)
    if dataset.kind != Kind.DATASET or dataset.device != Place.CPU:
        return UNKNOWN  # a dataset that may hold device tensors batches them there
    return replace(
        new_value(Kind.LOADER, Place.CPU, None, Event("create", node)), items=dataset.items
    )


def _on_cpu(item: Value) -> bool:
    """A sample of CPU tensors: a tensor, or a dict or tuple of them (numbers too)."""
    if item.kind == Kind.TENSOR:
        return item.device == Place.CPU
    if item.kind in (Kind.TUPLE, Kind.ENCODING) and item.items:
        members = [m for m in item.items if m.kind != Kind.NUMBER]
        return bool(members) and all(_on_cpu(m) for m in members)
    return False


def tensor_dataset(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    if any(a.star and (a.star == "**" or v.kind != Kind.TUPLE or not v.items) for a, v in args):
        return UNKNOWN
    # (TensorDataset(*tensors) of a list written out: its members, in order)
    given = [item for a, v in args for item in (v.items if a.star == "*" else (v,))]
    if given and all(v.kind == Kind.TENSOR and v.device == Place.CPU for v in given):
        item = Value(Kind.TUPLE, items=tuple(given))
        return replace(
            new_value(Kind.DATASET, Place.CPU, None, Event("create", node)), items=(item,)
        )
    return UNKNOWN


def torchvision_dataset(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """A torchvision dataset; a classification one (``CIFAR10``, ``ImageFolder``) given
    ``transform=`` a ``ToTensor`` (alone or last in a ``Compose`` of transforms that keep
    a tensor) has items ``(float32 CPU image, class index)``; other items are unknown."""
    made = new_value(Kind.DATASET, Place.CPU, None, Event("create", node))
    keyed = {a.keyword.value: v for a, v in args if a.keyword is not None}
    given = keyed.get("transform")
    if (
        q.rsplit(".", 1)[-1] not in TORCHVISION_CLASSIFICATION_DATASETS
        or given is None
        or given.kind != Kind.FUNCTION
        or given.origin != LIBRARY + TO_TENSOR
    ):
        return made
    image = new_value(Kind.TENSOR, Place.CPU, "float32", Event("create", node))
    label = UNKNOWN if "target_transform" in keyed else Value(Kind.NUMBER, dtype="int64")
    return replace(made, items=(Value(Kind.TUPLE, items=(image, label)),))


def split(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``random_split(ds, [240, 60])``: subsets whose items are the dataset's, as many
    as the lengths listed (unknown when they are not written out)."""
    dataset = args[0][1] if args else UNKNOWN
    lengths = args[1][0].value if len(args) > 1 else None
    if dataset.kind != Kind.DATASET or not isinstance(lengths, (cst.List, cst.Tuple)):
        return UNKNOWN
    return Value(Kind.TUPLE, items=(dataset,) * len(lengths.elements))


def subset(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``Subset(ds, indices)``: some of the dataset's items."""
    dataset = args[0][1] if args else UNKNOWN
    return dataset if dataset.kind == Kind.DATASET else UNKNOWN


def collated(
    scope: Scope,
    node: cst.Call,
    args: Args,
    follow: Callable[..., Value | None],
    closure: Callable[..., Value | None],
    call: Callable[..., Value | None],
    lambda_call: Callable[..., Value],
) -> Value | None:
    """``DataLoader(data, collate_fn=collate)`` with a function of the file (or of
    another file of the project, imported): its batches are what ``collate``
    returns, walked with a list of the dataset's items (as a Dataset of the file or
    a TensorDataset makes them; else unknown). None when the collate function is
    not the project's, its call is not followed, or it returns anything but
    tensors, a tuple or a dict of them. ``follow`` and ``closure``: how the walk
    follows a call of a function, and of a closure (``Calls.follow``,
    ``Calls.closure``: ``collate_fn=make_collate(vocab)``, the one the maker returns);
    ``call``: how it follows a method of an object (``Calls.method_of``);
    ``lambda_call``: how it runs a lambda (``collate_fn=lambda recs: [...]``)."""
    given = next((a for a, _ in args if a.keyword and a.keyword.value == "collate_fn"), None)
    if scope.entry and given is not None and _unzips(given.value):
        # collate_fn=lambda batch: tuple(zip(*batch)): the items' columns, as they are
        given_data = next((v for a, v in args if a.keyword is None), UNKNOWN)
        item = (
            given_data.items[0] if given_data.kind == Kind.DATASET and given_data.items else UNKNOWN
        )
        if item.kind != Kind.TUPLE:
            return None
        columns = Value(Kind.TUPLE, items=tuple(Value(Kind.LIST, items=(i,)) for i in item.items))
        made = Event("create", node)
        return replace(new_value(Kind.LOADER, None, None, made), origin=COLLATED, items=(columns,))
    if not scope.entry or given is None:
        return None
    made_fn = next(v for a, v in args if a is given)
    if made_fn.kind == Kind.FUNCTION and made_fn.ident in scope.w.closures:
        inner, definer = scope.w.closures[made_fn.ident]
        return _walked(node, args, lambda items: closure(inner, definer, node, items))
    static = _static_method(scope, given.value)
    if static is not None:  # collate_fn=NewsDataset.collate: a static method of the file
        return _walked(node, args, lambda items: follow(static, node, items, None))
    if made_fn.kind == Kind.FUNCTION and made_fn.origin == LAMBDA:
        # collate_fn=lambda recs: [mapper(r) for r in recs]: its body, with the items
        return _walked(node, args, lambda items: lambda_call(made_fn, items))
    if made_fn.kind == Kind.OBJECT and made_fn.ident in scope.w.objects:
        # collate_fn=PadCollator(tokenizer): an instance of a class of the project,
        # called with each batch's items (its ``__call__``)
        return _walked(node, args, lambda items: call(made_fn, "__call__", node, items))
    if not isinstance(given.value, cst.Name):
        return None
    name = given.value.value
    fn, home = scope.w.top_functions.get(name), None
    if fn is None and (found := scope.w.imported(name)) is not None:
        home, local = found  # from data import collate_lines: walked in its file
        fn = home.top_functions.get(local)
    value = scope.lookup(name)
    if fn is None or not (
        value is None
        or value.kind is None
        or (value.kind == Kind.FUNCTION and value.origin == name)
    ):
        return None  # (a variable of that name, not the function)

    def walk(items: Args) -> Value | None:
        with scope.w.within(home, node):
            return follow(fn, node, items, None)

    return _walked(node, args, walk)


# What a collate function's list of mapped items may hold (one per item).
_COLLATED = frozenset({Kind.TENSOR, Kind.TUPLE, Kind.ENCODING})


def _static_method(scope: Scope, node: cst.BaseExpression) -> cst.FunctionDef | None:
    """``Cls.name`` of a class of the file whose ``name`` is a static method."""
    if not (isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name)):
        return None
    cls = scope.w.home.analysis.class_named(node.value.value)
    fn = cls.method(node.attr.value) if cls is not None else None
    if fn is None or not any(dotted(d.decorator) == "staticmethod" for d in fn.decorators):
        return None
    return fn


def _walked(node: cst.Call, args: Args, walk: Callable[[Args], Value | None]) -> Value | None:
    """The loader whose batches are what its collate function returns, ``walk``-ed
    with a list of the dataset's items."""
    data = next(((a, v) for a, v in args if a.keyword is None), None)
    if data is None:
        return None
    items = UNKNOWN
    # (a Dataset's items; or a plain list's members: ``DataLoader(read_pairs(p),
    # collate_fn=collate)`` hands ``collate`` a list of those)
    if (
        data[1].kind in (Kind.DATASET, Kind.LIST)
        and data[1].items
        and data[1].items[0].kind is not None
    ):
        items = Value(Kind.LIST, items=data[1].items[:1])
    batch = walk([(data[0], items)])
    if batch is None or not (
        batch.kind in (Kind.TENSOR, Kind.TUPLE, Kind.ENCODING)
        # (a list of the items mapped one by one: detectron2's list of dicts)
        or (batch.kind == Kind.LIST and batch.items and batch.items[0].kind in _COLLATED)
    ):
        # (An object of a class of the file, such as a dict subclass with its own
        # ``cuda()``, is left unknown, as without the collate function.)
        return None
    made = Event("create", node)
    return replace(new_value(Kind.LOADER, None, None, made), origin=COLLATED, items=(batch,))


def _unzips(node: cst.BaseExpression) -> bool:
    """``lambda batch: tuple(zip(*batch))`` (or ``list(...)``)."""
    if not isinstance(node, cst.Lambda) or len(node.params.params) != 1:
        return False
    body, name = node.body, node.params.params[0].name.value
    if not (isinstance(body, cst.Call) and dotted(body.func) in ("tuple", "list")):
        return False
    rows = unzipped_rows(body.args[0].value) if len(body.args) == 1 else None
    return isinstance(rows, cst.Name) and rows.value == name


HANDLERS: dict[str, Callable[[Scope, cst.Call, str, Args], Value]] = {
    **dict.fromkeys(DATA_LOADERS, loader),
    **dict.fromkeys(_TENSOR_DATASETS, tensor_dataset),
    **dict.fromkeys(_SPLITS, split),
    **dict.fromkeys(_SUBSETS, subset),
}
