# Runnable companion of good.py for the runtime check (docs/runtime.md): class indices
# as int64. Runs clean under simulated CUDA.
import torch
import torch.nn.functional as F
from torch import nn


def classification_step(model, images, batch_labels, device):
    labels = torch.tensor(batch_labels, dtype=torch.long, device=device)
    logits = model(images.to(device))
    return F.cross_entropy(logits, labels)


def segmentation_step(model, images, n_classes, device):
    # class-id masks (uint8 PNGs in the real code), made float
    masks = torch.randint(0, n_classes, (images.shape[0], 2, 2), device=device)
    logits = model(images.to(device))
    return F.cross_entropy(logits, masks)

if __name__ == "__main__":
    device = torch.device("cuda")
    model = nn.Sequential(nn.Flatten(), nn.Linear(12, 3)).to(device)
    loss = classification_step(model, torch.randn(2, 3, 2, 2), [0, 2], device)
    loss.backward()
    conv = nn.Conv2d(3, 3, 1).to(device)
    segmentation_step(conv, torch.randn(2, 3, 2, 2), 3, device).backward()
