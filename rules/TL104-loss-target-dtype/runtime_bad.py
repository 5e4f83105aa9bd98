# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL104 --confirm rules/TL104-loss-target-dtype/runtime_bad.py
# Labels stored as int32 to halve the dataset's memory: cross_entropy wants int64 class
# indices and raises ("expected target dtype to be Long or Byte, but got Int"). Class-id
# masks cast to a float are read as class probabilities, which need a class dimension:
# "expected target dtype to be Long or Byte, but got Float".
import torch
import torch.nn.functional as F
from torch import nn


def classification_step(model, images, batch_labels, device):
    labels = torch.tensor(batch_labels, dtype=torch.int32, device=device)
    logits = model(images.to(device))
    return F.cross_entropy(logits, labels)  # expect: TL104:36 lines=13


def segmentation_step(model, images, n_classes, device):
    # class-id masks (uint8 PNGs in the real code), made float
    masks = torch.randint(0, n_classes, (images.shape[0], 2, 2), device=device).float()  # expect: TL104:13 lines=22
    logits = model(images.to(device))
    return F.cross_entropy(logits, masks)

if __name__ == "__main__":
    device = torch.device("cuda")
    model = nn.Sequential(nn.Flatten(), nn.Linear(12, 3)).to(device)
    try:
        loss = classification_step(model, torch.randn(2, 3, 2, 2), [0, 2], device)
        loss.backward()
    except RuntimeError as error:  # (so that the second mistake runs too)
        print(error)
    conv = nn.Conv2d(3, 3, 1).to(device)
    segmentation_step(conv, torch.randn(2, 3, 2, 2), 3, device).backward()
