# A collate function that returns a SimpleNamespace: its fields are CPU tensors, read
# as attributes, and the model was moved.
from types import SimpleNamespace

import torch
from torch import nn
from torch.utils.data import DataLoader


def collate(rows):
    return SimpleNamespace(
        feats=torch.tensor([r["feats"] for r in rows], dtype=torch.float32),
        ids=[r["id"] for r in rows],
    )


def predict(rows, device):
    model = nn.Linear(16, 2).to(device)
    for batch in DataLoader(rows, batch_size=32, collate_fn=collate):
        yield batch.ids, model(batch.feats)  # expect: TL204:32 lines=12,18
