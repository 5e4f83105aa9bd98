# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL403 --confirm rules/TL403-hard-coded-cuda/runtime_bad.py
# The evaluation follows its `device` argument except for one hard-coded `.cuda()`.
# Run on the CPU (here: `device="cpu"` on a machine whose GPU is busy training), the
# labels still go to the GPU and the accuracy fails.
import torch
from torch import nn


def evaluate(model, batch, device):
    model.to(device)
    labels = batch["labels"].cuda()  # expect: TL403:14
    logits = model(batch["x"].to(device))
    return (logits.argmax(-1) == labels).float().mean()


if __name__ == "__main__":
    model = nn.Linear(4, 3)
    batch = {"x": torch.randn(5, 4), "labels": torch.tensor([0, 1, 2, 1, 0])}
    print(evaluate(model, batch, torch.device("cpu")))
