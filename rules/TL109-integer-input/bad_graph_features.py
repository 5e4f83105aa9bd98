import torch
import torch.nn.functional as F
from torch_geometric.data import Data
from torch_geometric.loader import DataLoader
from torch_geometric.nn import SAGEConv, global_add_pool


# Each atom is described by integer codes (element, charge, hydrogens); they go
# straight into a SAGEConv, whose first op is a Linear on float32 weights.
def to_graph(codes, bonds, target):
    x = torch.tensor(codes, dtype=torch.long)  # expect: TL109:9 lines=23
    edge_index = torch.tensor(bonds, dtype=torch.long).t().contiguous()
    return Data(x=x, edge_index=edge_index, y=torch.tensor([target], dtype=torch.float))


class Regressor(torch.nn.Module):
    def __init__(self, n_codes):
        super().__init__()
        self.conv = SAGEConv(n_codes, 64)
        self.out = torch.nn.Linear(64, 1)

    def forward(self, data):
        h = F.relu(self.conv(data.x, data.edge_index))
        return self.out(global_add_pool(h, data.batch)).squeeze(-1)


def train(molecules, device):
    graphs = [to_graph(codes, bonds, y) for codes, bonds, y in molecules]
    model = Regressor(n_codes=3).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for batch in DataLoader(graphs, batch_size=32, shuffle=True):
        batch = batch.to(device)
        loss = F.mse_loss(model(batch), batch.y)
        opt.zero_grad()
        loss.backward()
        opt.step()
