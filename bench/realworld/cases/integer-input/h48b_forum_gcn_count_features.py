# source: https://github.com/pyg-team/pytorch_geometric/issues/1299
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'mat2' in call to _th_mm
# pattern: integer-input
# shape: top-level, helper, class
# bug-lines: 22, 45
# needs: torch, numpy, torch_geometric
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn.functional as F
from torch_geometric.data import Data
from torch_geometric.nn import GCNConv


def load_forum_graph(root="data/forum"):
    # one row per user: posts, replies, upvotes received, threads started
    counts = np.loadtxt(f"{root}/user_activity.csv", delimiter=",", dtype=np.int64)
    edges = np.loadtxt(f"{root}/replies.csv", delimiter=",", dtype=np.int64)
    weights = np.loadtxt(f"{root}/reply_weights.csv", dtype=np.float32)
    labels = np.loadtxt(f"{root}/community.csv", dtype=np.int64)

    x = torch.from_numpy(counts)
    edge_index = torch.from_numpy(edges).t().contiguous()
    edge_weight = torch.from_numpy(weights)
    y = torch.from_numpy(labels)
    perm = torch.randperm(y.size(0))
    train_mask = torch.zeros(y.size(0), dtype=torch.bool)
    train_mask[perm[: y.size(0) // 2]] = True
    return Data(x=x, edge_index=edge_index, edge_attr=edge_weight, y=y,
                train_mask=train_mask, test_mask=~train_mask)


data = load_forum_graph()
num_classes = int(data.y.max()) + 1


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = GCNConv(data.num_features, 16, cached=True)
        self.conv2 = GCNConv(16, num_classes, cached=True)

    def forward(self):
        x, edge_index, edge_weight = data.x, data.edge_index, data.edge_attr
        x = F.relu(self.conv1(x, edge_index, edge_weight))
        x = F.dropout(x, training=self.training)
        x = self.conv2(x, edge_index, edge_weight)
        return F.log_softmax(x, dim=1)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = Net().to(device)
data = data.to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)


def train():
    model.train()
    optimizer.zero_grad()
    out = model()
    loss = F.nll_loss(out[data.train_mask], data.y[data.train_mask])
    loss.backward()
    optimizer.step()
    return loss.item()


@torch.no_grad()
def test():
    model.eval()
    pred = model().argmax(dim=1)
    correct = pred[data.test_mask].eq(data.y[data.test_mask]).sum().item()
    return correct / int(data.test_mask.sum())


for epoch in range(1, 201):
    loss = train()
    if epoch % 20 == 0:
        print(f"epoch {epoch:03d} loss {loss:.4f} test acc {test():.4f}")
