# source: https://github.com/TaoShuchang/G-NIA/issues/2
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: loader-loop, helper
# bug-lines: 67
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Train a node-injection attacker against a frozen GCN victim, one target node at a time."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.utils.data as Data


class DenseGCN(nn.Module):
    def __init__(self, nfeat, nhid, nclass):
        super().__init__()
        self.w1 = nn.Linear(nfeat, nhid)
        self.w2 = nn.Linear(nhid, nclass)

    def forward(self, x, adj):
        return self.w2(adj @ F.relu(self.w1(adj @ x)))


class Injector(nn.Module):
    def __init__(self, nfeat):
        super().__init__()
        self.gen = nn.Sequential(nn.Linear(nfeat, 64), nn.ReLU(), nn.Linear(64, nfeat), nn.Sigmoid())

    def forward(self, target_feat):
        return self.gen(target_feat)


def inject(adj, feat, target, inj_feat):
    n = adj.shape[0]
    new_adj = torch.zeros(n + 1, n + 1, device=adj.device)
    new_adj[:n, :n] = adj
    new_adj[n, target] = new_adj[target, n] = 1.0
    new_adj[n, n] = 1.0
    deg = new_adj.sum(1)
    norm = new_adj / torch.sqrt(deg[:, None] * deg[None, :])
    return norm, torch.cat([feat, inj_feat.unsqueeze(0)], 0)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
n, nfeat, nclass = 300, 32, 4
feat = torch.rand(n, nfeat, device=device)
adj = (torch.rand(n, n, device=device) < 0.02).float()
adj = ((adj + adj.t()) > 0).float() + torch.eye(n, device=device)
labels = torch.randint(0, nclass, (n,))
victim = DenseGCN(nfeat, 64, nclass).to(device).eval()
model = Injector(nfeat).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
batch_loader = Data.DataLoader(Data.TensorDataset(torch.arange(200), labels[:200]), batch_size=16)

for epoch in range(10):
    train_loss_arr = []
    for batch_x, batch_y in batch_loader:
        loss_arr = []
        for target, ori in zip(batch_x.tolist(), batch_y.tolist()):
            inj_feat = model(feat[target])
            norm_adj, new_feat = inject(adj, feat, target, inj_feat)
            logits = victim(new_feat, norm_adj)
            wrong = logits[target].clone(); wrong[ori] = -1e9
            loss_arr.append(F.relu(logits[target, ori] - wrong.max()))
        train_loss = np.array(loss_arr).sum()
        optimizer.zero_grad()
        train_loss.backward()
        optimizer.step()
        train_loss_arr.append((train_loss / len(loss_arr)).detach().cpu().item())
    print("epoch", epoch, "loss", np.mean(train_loss_arr))
