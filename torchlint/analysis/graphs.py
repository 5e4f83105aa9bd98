"""PyTorch Geometric's graphs. A ``Data`` graph is a dict of tensors read as
attributes (``data.x``, ``data.edge_index``) that ``data.to(device)`` moves as a
whole: an ENCODING that knows its entries (``PYG_DATA``). Its DataLoader collates
graphs into one batch graph, on the CPU, whose entries keep their dtypes and which
adds ``batch`` and ``ptr`` (int64 vectors of node indices). Its datasets are graphs
on the CPU whose entries the code does not show. Counts (``data.num_graphs``,
``num_nodes``) are ints, not tensors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import libcst as cst

from torchlint.analysis import dims
from torchlint.analysis.graph_api import (
    PYG_DATA,
    PYG_DATA_FIELDS,
    PYG_DATASETS,
    PYG_DEGREE,
    PYG_LOADERS,
)
from torchlint.analysis.scope import Scope
from torchlint.analysis.values import (
    BATCH,
    PYG_GRAPH,
    UNKNOWN,
    Event,
    Kind,
    Place,
    Value,
    keyed,
    new_ident,
    new_value,
)

Args = list[tuple[cst.Arg, Value]]

# What a batch graph adds to the graphs it collates: the graph of each node, and
# where each graph's nodes start.
_BATCH_VECTORS = ("batch", "ptr")


def data(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``Data(x=x, edge_index=ei, y=y)``: a graph of those entries, where they are.
    Unknown where ``**kwargs`` may add entries."""
    if any(a.star for a, _ in args):
        return UNKNOWN
    keys: list[str] = []
    items: list[Value] = []
    for i, (arg, value) in enumerate(args):
        key = arg.keyword.value if arg.keyword is not None else None
        if key is None and i < len(PYG_DATA_FIELDS):
            key = PYG_DATA_FIELDS[i]
        if key is not None and key not in keys:
            keys.append(key)
            items.append(value)
    graph = keyed(keys, items)
    return replace(graph, origin=PYG_GRAPH, events=(*graph.events, Event("create", node)))


def is_graph(value: Value) -> bool:
    """A PyTorch Geometric graph (``Data``), one the code made or a dataset's."""
    return value.kind == Kind.ENCODING and value.origin == PYG_GRAPH


def counted(owner: Value, node: cst.Attribute) -> Value | None:
    """``data.num_graphs``, ``data.num_nodes`` of a graph: an int; None for any
    other attribute (an entry, read as a dict's)."""
    if is_graph(owner) and node.attr.value.startswith("num_"):
        return Value(Kind.NUMBER, dtype="int64")
    return None


def dataset(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``TUDataset(root, name)``, ``Planetoid(...)``: graphs on the CPU, entries
    unknown; where a ``transform=`` may move them (``T.ToDevice(device)``, or one
    made elsewhere, ``transform=transform``), their place is unknown."""
    moved = any(
        a.keyword is not None
        and a.keyword.value == "transform"
        and not (isinstance(a.value, cst.Name) and a.value.value == "None")
        and (not isinstance(a.value, cst.Call) or _moves(scope, a.value))
        for a, _ in args
    )
    graph = replace(
        new_value(Kind.ENCODING, None if moved else Place.CPU, None, Event("create", node)),
        origin=PYG_GRAPH,
    )
    made = new_value(Kind.DATASET, Place.CPU, None, Event("create", node))
    return replace(made, items=(graph,), origin=PYG_GRAPH)


def _moves(scope: Scope, node: cst.BaseExpression) -> bool:
    """``node`` calls PyTorch Geometric's ``ToDevice`` transform somewhere in it."""
    if isinstance(node, cst.Call):
        q = scope.w.analysis.qualify(node.func) or ""
        if q.startswith("torch_geometric.transforms") and q.endswith(".ToDevice"):
            return True
    return any(
        _moves(scope, child.value if isinstance(child, (cst.Arg, cst.Element)) else child)
        for child in node.children
        if isinstance(child, (cst.BaseExpression, cst.Arg, cst.Element))
    )


def of_dataset(
    owner: Value, method: str | None = None, node: cst.Subscript | None = None
) -> Value | None:
    """``dataset[:1000]``, ``dataset.shuffle()`` of a dataset of graphs: the same
    graphs; ``dataset[0]``: one of them. None for anything else."""
    if owner.kind != Kind.DATASET or owner.origin != PYG_GRAPH or not owner.items:
        return None
    if node is not None and all(isinstance(e.slice, cst.Index) for e in node.slice):
        return replace(owner.items[0], ident=new_ident())  # (dataset[i]: a graph)
    if method in (None, "shuffle", "index_select", "copy"):
        return replace(owner, ident=new_ident())
    return None


def loader(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``DataLoader(graphs, batch_size=64)`` of PyTorch Geometric over a dataset of
    graphs or a list of them: batch graphs where the graphs are, with their entries
    and ``batch``/``ptr`` beside them (int64 vectors made on the CPU by the collate,
    moved with the graph)."""
    given = next((v for a, v in args if a.keyword is None or a.keyword.value == "dataset"), None)
    if given is None or given.kind not in (Kind.DATASET, Kind.LIST) or not given.items:
        return UNKNOWN
    graph = given.items[0]
    if not is_graph(graph):
        return UNKNOWN
    made = Event("create", node)
    where = graph.device if graph.device is not None else Place.MAYBE
    vectors = [dims.mark(new_value(Kind.TENSOR, Place.CPU, "int64", made)) for _ in _BATCH_VECTORS]
    if where != Place.CPU:
        # (collated where the graphs are: on their device)
        vectors = [replace(v, device=where, device_expr=graph.device_expr) for v in vectors]
    entries = [
        replace(v, origin=BATCH) if v.kind == Kind.TENSOR and v.device == Place.CPU else v
        for v in graph.items
    ]
    if graph.keys:
        batch = keyed((*graph.keys, *_BATCH_VECTORS), (*entries, *vectors))
        batch = replace(batch, origin=PYG_GRAPH, events=(*graph.events, made))
    else:
        batch = replace(graph, ident=0, events=(*graph.events, made))
    loaded = new_value(Kind.LOADER, Place.CPU if where == Place.CPU else None, None, made)
    return replace(loaded, items=(batch,), origin=PYG_GRAPH)


def degree(scope: Scope, node: cst.Call, q: str, args: Args) -> Value:
    """``degree(edge_index[1], n, dtype=torch.long)``: a count per node, where the
    index is, in ``dtype`` (float32 by default)."""
    index = args[0][1] if args and args[0][0].keyword is None else UNKNOWN
    if index.kind not in (Kind.TENSOR, Kind.MOVED):
        return UNKNOWN
    given = next((a.value for a, _ in args if a.keyword and a.keyword.value == "dtype"), None)
    dtype = scope.dtype_of(given) if given is not None else "float32"
    made = replace(index, kind=Kind.TENSOR, dtype=dtype, ident=new_ident(), moved_from=0, origin="")
    return dims.mark(made)


HANDLERS: dict[str, Callable[[Scope, cst.Call, str, Args], Value]] = {
    **dict.fromkeys(PYG_DATA, data),
    **dict.fromkeys(PYG_LOADERS, loader),
    **dict.fromkeys(PYG_DEGREE, degree),
}


def is_dataset(q: str) -> bool:
    """A dataset class of PyTorch Geometric (``torch_geometric.datasets.TUDataset``)."""
    return q.startswith(PYG_DATASETS) and q.rsplit(".", 1)[-1][:1].isupper()
