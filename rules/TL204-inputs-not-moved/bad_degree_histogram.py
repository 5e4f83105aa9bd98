import torch
from torch_geometric.datasets import QM9
from torch_geometric.loader import DataLoader
from torch_geometric.utils import degree

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
# The graphs are moved to the GPU once, up front.
graphs = [g.to(device) for g in QM9("data/QM9")[:2000]]


# The histogram is made on the CPU; the degrees it adds up come from graphs on the GPU.
def degree_histogram(loader, max_degree=8):
    hist = torch.zeros(max_degree + 1, dtype=torch.long)  # expect: TL204:12 lines=8,16
    for batch in loader:
        d = degree(batch.edge_index[1], num_nodes=batch.num_nodes, dtype=torch.long)
        hist += torch.bincount(d.clamp(max=max_degree), minlength=hist.numel())
    return hist


print(degree_histogram(DataLoader(graphs, batch_size=64)))
