# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL110 --confirm rules/TL110-float-indices/runtime_bad.py
# A segmentation mask read as float pixels goes to a loss that one-hot encodes it
# with scatter_: the index must be int64.
import numpy as np
import torch
from torch import nn


class DiceLoss(nn.Module):
    def forward(self, logits, mask):
        one_hot = torch.zeros_like(logits).scatter_(1, mask.unsqueeze(1), 1.0)
        inter = (logits.softmax(1) * one_hot).sum()
        return 1 - 2 * inter / (logits.numel() + one_hot.sum())


def load_mask(height, width):
    pixels = np.random.randint(0, 3, size=(height, width))  # stands in for a PNG
    return torch.from_numpy(pixels.astype(np.float32))  # expect: TL110:12 lines=26,12


def train_step(device):
    criterion = DiceLoss()
    logits = torch.randn(1, 3, 8, 8, device=device, requires_grad=True)
    mask = load_mask(8, 8).to(device)
    return criterion(logits, mask[None])


if __name__ == "__main__":
    print(train_step(torch.device("cuda")))
