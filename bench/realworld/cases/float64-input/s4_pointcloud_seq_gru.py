# source: https://github.com/4DVLab/LIP/issues/2
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: helper, loader-loop
# bug-lines: 17, 44, 46
# cpu: raises "Input type (double) and bias type (float) should be the same"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class SeqPointDataset(Dataset):
    def __init__(self, n_seqs=8, seq_len=6, n_points=32):
        rng = np.random.default_rng(3)
        self.seqs = [rng.normal(size=(seq_len, n_points, 3)) for _ in range(n_seqs)]
        self.poses = [rng.normal(size=(seq_len, 24 * 3)) for _ in range(n_seqs)]

    def __len__(self):
        return len(self.seqs)

    def __getitem__(self, idx):
        return self.seqs[idx], self.poses[idx]


class PointEncoder(nn.Module):
    def __init__(self, hidden=64):
        super().__init__()
        self.point_mlp = nn.Sequential(nn.Conv1d(3, hidden, 1), nn.ReLU())
        self.temporal = nn.GRU(hidden, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 24 * 3)

    def forward(self, seq_pc):
        b, t, n, _ = seq_pc.shape
        pts = self.point_mlp(seq_pc.reshape(b * t, n, 3).transpose(1, 2)).amax(dim=2)
        out, _ = self.temporal(pts.view(b, t, -1))
        return self.head(out)


def train_one_epoch(model, loader, optimizer, device):
    model.train()
    for seq_pc, seq_gt in loader:
        seq_pc = seq_pc.to(device)
        seq_gt = seq_gt.to(device)
        pred = model(seq_pc)
        loss = torch.mean((pred - seq_gt) ** 2)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = PointEncoder().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    loader = DataLoader(SeqPointDataset(), batch_size=4, shuffle=True)
    print(train_one_epoch(model, loader, optimizer, device))
