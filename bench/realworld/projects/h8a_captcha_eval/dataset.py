# source: https://github.com/fupinglee/CalculateCaptcha_Recognition/issues/1
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, helper
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
import os

import torch
from PIL import Image
from torch.utils.data import Dataset

CHARSET = "0123456789+-*="
CAPTCHA_LEN = 4


def encode_label(text):
    """One-hot encode a captcha string into a flat (CAPTCHA_LEN * len(CHARSET),) vector."""
    vec = torch.zeros(CAPTCHA_LEN, len(CHARSET))
    for pos, ch in enumerate(text):
        vec[pos, CHARSET.index(ch)] = 1.0
    return vec.view(-1)


class CaptchaFolder(Dataset):
    """Images named like '3+5=_0192.png'; the part before '_' is the answer text."""

    def __init__(self, root, transform=None):
        self.root = root
        self.files = sorted(f for f in os.listdir(root) if f.endswith(".png"))
        self.transform = transform

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        name = self.files[idx]
        image = Image.open(os.path.join(self.root, name)).convert("RGB")
        if self.transform is not None:
            image = self.transform(image)
        label = encode_label(name.split("_")[0])
        return image, label
