# Runnable companion of good.py for the runtime check (docs/runtime.md): class indices
# as int64. Runs clean under simulated CUDA.
import torch
import torch.nn.functional as F
from torch import nn


def classification_step(model, images, batch_labels, device):
    labels = torch.tensor(batch_labels, dtype=torch.long, device=device)
    logits = model(images.to(device))
    return F.cross_entropy(logits, labels)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = nn.Sequential(nn.Flatten(), nn.Linear(12, 3)).to(device)
    loss = classification_step(model, torch.randn(2, 3, 2, 2), [0, 2], device)
    loss.backward()
