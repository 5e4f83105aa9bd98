# source: https://github.com/ZhaoyangLyu/Point_Diffusion_Refinement/issues/13
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: loader-loop, batch-dict, class
# looks-like: float64-input
# needs: torch, numpy, h5py
# cpu: no written where torch was not installed; not run
import h5py
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class MVPCompletionDataset(Dataset):
    def __init__(self, h5_path, split="train"):
        with h5py.File(h5_path, "r") as f:
            self.partial = np.array(f[f"{split}_incomplete_pcds"])   # float64 on disk
            self.complete = np.array(f[f"{split}_complete_pcds"])
            self.labels = np.array(f[f"{split}_labels"])
        self.ratio = len(self.partial) // len(self.complete)

    def __len__(self):
        return len(self.partial)

    def __getitem__(self, idx):
        partial = torch.from_numpy(self.partial[idx]).float()
        complete = torch.from_numpy(self.complete[idx // self.ratio]).float()
        return {"partial": partial, "complete": complete, "label": int(self.labels[idx])}


class RefineNet(nn.Module):
    """Predicts per-point displacements that refine a coarse completion."""

    def __init__(self, hidden=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv1d(3, hidden, 1), nn.GroupNorm(8, hidden), nn.ReLU(),
            nn.Conv1d(hidden, hidden, 1), nn.GroupNorm(8, hidden), nn.ReLU(),
            nn.Conv1d(hidden, 3, 1))

    def forward(self, pts):                      # pts: (B, N, 3)
        return pts + self.net(pts.transpose(1, 2)).transpose(1, 2)


def chamfer(a, b):
    d = torch.cdist(a, b)
    return d.min(dim=2)[0].mean() + d.min(dim=1)[0].mean()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(MVPCompletionDataset("data/MVP_Train_CP.h5"), batch_size=32, shuffle=True)
    model = RefineNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-4)
    for epoch in range(100):
        for batch in loader:
            partial = batch["partial"].to(device)
            complete = batch["complete"].to(device)
            refined = model(partial)
            loss = chamfer(refined, complete)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: chamfer {loss.item():.5f}")
