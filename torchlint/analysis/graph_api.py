"""PyTorch Geometric as the analysis and the rules read it: its layers (which take
floating node features, and which multiply a dense adjacency), its ``Data`` graph and
the loaders that collate graphs (``analysis/graphs.py``). (The rest of torch's facts
are ``torch_api.py``'s.)"""

from __future__ import annotations

# PyTorch Geometric (``analysis/graphs.py``): its layers are modules; a ``Data`` graph
# holds tensors by attribute and moves as a whole; its loaders collate graphs.
PYG_NN = "torch_geometric.nn."
PYG_DATA = frozenset({"torch_geometric.data.Data", "torch_geometric.data.data.Data"})
PYG_LOADERS = frozenset({"torch_geometric.loader.DataLoader", "torch_geometric.data.DataLoader"})
PYG_DATASETS = "torch_geometric.datasets."
PYG_DEGREE = frozenset({"torch_geometric.utils.degree", "torch_geometric.utils.degree.degree"})
# ``Data(x, edge_index, edge_attr, y, pos)``: its positional arguments, in order.
PYG_DATA_FIELDS = ("x", "edge_index", "edge_attr", "y", "pos")
# Its layers whose first op multiplies the node features by a float weight (a
# Linear): integer features fail there ('mat1 and mat2 must have the same dtype').
PYG_LINEAR_FIRST = frozenset(
    "GCNConv SAGEConv GATConv GATv2Conv GraphConv ChebConv SGConv TAGConv "
    "TransformerConv ResGatedGraphConv LEConv ClusterGCNConv".split()
)
# PyTorch Geometric's dense layers: ``conv(x, adj, mask)`` multiplies the dense
# adjacency with the features (``adj @ x``), so ``adj`` is floating data too.
PYG_DENSE = frozenset("DenseGCNConv DenseGraphConv DenseSAGEConv DenseGINConv".split())
