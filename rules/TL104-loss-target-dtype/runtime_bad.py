# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL104 --confirm rules/TL104-loss-target-dtype/runtime_bad.py
# Labels stored as int32 to halve the dataset's memory: cross_entropy wants int64 class
# indices and raises ("expected target dtype to be Long or Byte, but got Int").
import torch
import torch.nn.functional as F
from torch import nn


def classification_step(model, images, batch_labels, device):
    labels = torch.tensor(batch_labels, dtype=torch.int32, device=device)
    logits = model(images.to(device))
    return F.cross_entropy(logits, labels)  # expect: TL104:36 lines=11


if __name__ == "__main__":
    device = torch.device("cuda")
    model = nn.Sequential(nn.Flatten(), nn.Linear(12, 3)).to(device)
    loss = classification_step(model, torch.randn(2, 3, 2, 2), [0, 2], device)
    loss.backward()
