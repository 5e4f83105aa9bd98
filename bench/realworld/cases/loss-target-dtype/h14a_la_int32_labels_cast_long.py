# source: https://github.com/INK-USC/RE-Net/issues/68
# error: RuntimeError: Expected object of scalar type Long but got scalar type Int for argument #2 'target' in call to _thnn_nll_loss_forward
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


class QuadrupleDataset(Dataset):
    """(subject, relation, object, time) facts stored as an int32 array on disk."""

    def __init__(self, path):
        self.quads = np.load(path).astype(np.int32)

    def __len__(self):
        return len(self.quads)

    def __getitem__(self, idx):
        s, r, o, t = self.quads[idx]
        return {"subject": s, "relation": r, "object": o, "time": t}


class ObjectPredictor(nn.Module):
    def __init__(self, num_entities, num_relations, dim=200):
        super().__init__()
        self.ent = nn.Embedding(num_entities, dim)
        self.rel = nn.Embedding(num_relations, dim)
        self.proj = nn.Linear(2 * dim, num_entities)

    def forward(self, subject, relation):
        return self.proj(torch.cat([self.ent(subject), self.rel(relation)], dim=-1))


def step(model, batch, device):
    subject = batch["subject"].long().to(device)
    relation = batch["relation"].long().to(device)
    target = batch["object"].long().to(device)
    logits = model(subject, relation)
    return F.cross_entropy(logits, target)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(QuadrupleDataset("data/YAGO/train.npy"), batch_size=128, shuffle=True)
    model = ObjectPredictor(num_entities=10623, num_relations=10).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(20):
        total = 0.0
        for batch in loader:
            loss = step(model, batch, device)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"Epoch {epoch:04d} | Loss {total / len(loader):.4f}")


if __name__ == "__main__":
    main()
