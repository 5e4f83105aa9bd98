# source: https://github.com/Thunderbeee/ZSCL/issues/6
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target' in call to _thnn_nll_loss_forward
# pattern: loss-target-dtype
# shape: loader-loop, batch-dict, helper
# looks-like: loss-target-dtype
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class TaskDataset(Dataset):
    """Features and class ids read from a CSV-like array; ids arrive as float64."""

    def __init__(self, n=128, dim=32, n_classes=10):
        rng = np.random.default_rng(0)
        self.x = rng.normal(size=(n, dim)).astype(np.float32)
        self.y = rng.integers(0, n_classes, n).astype(np.float64)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return {"image": torch.from_numpy(self.x[i]), "label": torch.tensor(int(self.y[i]), dtype=torch.long)}


def distill_targets(teacher, x, temperature=2.0):
    with torch.no_grad():
        return F.softmax(teacher(x) / temperature, dim=-1)


def train_one_epoch(model, teacher, loader, opt, device):
    for batch in loader:
        x, y = batch["image"].to(device), batch["label"].to(device)
        logits = model(x)
        loss = F.cross_entropy(logits, y)
        soft = distill_targets(teacher, x)
        loss = loss + F.cross_entropy(logits / 2.0, soft)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    model, teacher = nn.Linear(32, 10).to(dev), nn.Linear(32, 10).to(dev).eval()
    loader = DataLoader(TaskDataset(), batch_size=16, shuffle=True)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    print(train_one_epoch(model, teacher, loader, opt, dev))
