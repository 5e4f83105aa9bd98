# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL205 --confirm rules/TL205-discarded-tensor-move/runtime_bad.py
# `labels.to(device)` is discarded, so the loss mixes GPU logits with CPU labels.
import torch
from torch import nn
from torch.nn import functional as F


def train_step(model, batch, device):
    labels = torch.tensor(batch["labels"])
    labels.to(device)  # expect: TL205:5
    logits = model(batch["x"].to(device))
    return F.cross_entropy(logits, labels)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = nn.Linear(4, 3).to(device)
    loss = train_step(model, {"labels": [0, 2], "x": torch.randn(2, 4)}, device)
    loss.backward()
