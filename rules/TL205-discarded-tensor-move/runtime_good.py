# Runnable companion of good.py for the runtime check (docs/runtime.md): the move is
# assigned; a module's .to() works in place. Runs clean under simulated CUDA.
import torch
from torch import nn
from torch.nn import functional as F


def train_step(model, batch, device):
    labels = torch.tensor(batch["labels"])
    labels = labels.to(device)
    model.to(device)  # modules move in place
    logits = model(batch["x"].to(device))
    return F.cross_entropy(logits, labels)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = nn.Linear(4, 3)
    loss = train_step(model, {"labels": [0, 2], "x": torch.randn(2, 4)}, device)
    loss.backward()
