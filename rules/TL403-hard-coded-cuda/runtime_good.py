# Runnable companion of good.py for the runtime check (docs/runtime.md): every tensor
# follows `device`, so the same evaluation runs on the CPU and on the GPU. Runs clean
# under simulated CUDA.
import torch
from torch import nn


def evaluate(model, batch, device):
    model.to(device)
    labels = batch["labels"].to(device)
    logits = model(batch["x"].to(device))
    return (logits.argmax(-1) == labels).float().mean()


if __name__ == "__main__":
    model = nn.Linear(4, 3)
    batch = {"x": torch.randn(5, 4), "labels": torch.tensor([0, 1, 2, 1, 0])}
    print(evaluate(model, batch, torch.device("cpu")))
    print(evaluate(model, batch, torch.device("cuda")))
