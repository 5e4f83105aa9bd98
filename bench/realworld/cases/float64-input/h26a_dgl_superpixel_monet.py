# source: https://github.com/dmlc/dgl/issues/4630
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: class, helper, loader-loop, batch-dict
# bug-lines: 34, 55
# needs: torch, numpy, dgl
# cpu: no written where torch was not installed; not run
import dgl
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from dgl.nn.pytorch import GMMConv
from torch.utils.data import DataLoader, Dataset


class SuperpixelGraphs(Dataset):
    """MNIST superpixels: 75 SLIC centroids per image, connected by k-NN in image space."""

    def __init__(self, npz_path, k=8):
        arr = np.load(npz_path)
        self.coords = arr["coords"] / 28.0                      # (N, 75, 2) pixel centroids (int)
        self.intensity = arr["intensity"].astype(np.float32)    # (N, 75, 1)
        self.labels = torch.from_numpy(arr["labels"]).long()
        self.k = k

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        xy = self.coords[idx]
        g = dgl.knn_graph(torch.from_numpy(xy).float(), self.k)
        src, dst = g.edges()
        g.edata["pseudo"] = torch.from_numpy(xy[dst.numpy()] - xy[src.numpy()])
        g.ndata["feat"] = torch.from_numpy(np.concatenate([self.intensity[idx], xy.astype(np.float32)], 1))
        return g, self.labels[idx]


def collate(samples):
    graphs, labels = zip(*samples)
    return dgl.batch(graphs), torch.stack(labels)


class MoNet(nn.Module):
    def __init__(self, in_dim=3, hidden=64, n_classes=10, n_kernels=3, n_layers=3):
        super().__init__()
        self.pseudo_proj = nn.ModuleList([nn.Sequential(nn.Linear(2, 2), nn.Tanh()) for _ in range(n_layers)])
        self.convs = nn.ModuleList([GMMConv(in_dim if i == 0 else hidden, hidden, 2, n_kernels, "sum")
                                    for i in range(n_layers)])
        self.classify = nn.Linear(hidden, n_classes)

    def forward(self, g, h):
        pseudo = g.edata["pseudo"]
        for proj, conv in zip(self.pseudo_proj, self.convs):
            h = F.relu(conv(g, h, proj(pseudo)))
        g.ndata["h"] = h
        return self.classify(dgl.mean_nodes(g, "h"))


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
train_loader = DataLoader(SuperpixelGraphs("data/mnist_75sp_train.npz"), batch_size=128,
                          shuffle=True, collate_fn=collate)
model = MoNet().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

for epoch in range(30):
    model.train()
    total, correct = 0, 0
    for g, y in train_loader:
        g, y = g.to(device), y.to(device)
        logits = model(g, g.ndata["feat"])
        loss = F.cross_entropy(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        correct += (logits.argmax(1) == y).sum().item()
        total += y.numel()
    print(f"epoch {epoch} train acc {correct / total:.4f}")
