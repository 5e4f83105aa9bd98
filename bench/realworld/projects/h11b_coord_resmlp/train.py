# source: https://github.com/LianpoWang/SLIIF/issues/13
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop, batch-dict
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Train the expert-mixture decoder on sampled (feature, coordinate, rgb) queries."""
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from model import ResMLPMixture


class QuerySampleDataset(Dataset):
    """Pre-extracted encoder features at random query points of LR/HR crops."""

    def __init__(self, n_queries=20000, feat_dim=580, seed=0):
        rng = np.random.default_rng(seed)
        self.feat = rng.standard_normal((n_queries, feat_dim)).astype(np.float32)
        self.rel_coord = rng.uniform(-1, 1, (n_queries, 2)).astype(np.float32)
        self.rgb = rng.uniform(-0.5, 0.5, (n_queries, 3)).astype(np.float32)

    def __len__(self):
        return len(self.feat)

    def __getitem__(self, i):
        return {"feat": torch.from_numpy(self.feat[i]),
                "rel_coord": torch.from_numpy(self.rel_coord[i]),
                "gt": torch.from_numpy(self.rgb[i])}


def train_one_epoch(model, loader, optimizer, device):
    model.train()
    total = 0.0
    for batch in loader:
        batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
        pred = model(batch["feat"], batch["rel_coord"])
        loss = F.l1_loss(pred, batch["gt"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = ResMLPMixture().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    loader = DataLoader(QuerySampleDataset(), batch_size=1024, shuffle=True, num_workers=2)
    for epoch in range(1, 11):
        print(f"epoch {epoch}: l1 {train_one_epoch(model, loader, optimizer, device):.4f}")
    torch.save(model.state_dict(), "resmlp_mixture.pth")


if __name__ == "__main__":
    main()
