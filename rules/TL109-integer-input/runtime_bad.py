# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL109 --confirm rules/TL109-integer-input/runtime_bad.py
# A video frame comes out of the decoder as uint8 and goes to the detector as it is:
# the first convolution fails on the dtype.
import numpy as np
import torch
from torch import nn


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU())

    def forward(self, x):
        return self.backbone(x)


def preprocess(frame, device):
    return torch.from_numpy(frame).permute(2, 0, 1).unsqueeze(0).to(device)  # expect: TL109:12 lines=26,16


def detect(device):
    model = Detector().to(device)
    frame = (np.random.rand(16, 16, 3) * 255).astype(np.uint8)
    return model(preprocess(frame, device))


if __name__ == "__main__":
    print(detect(torch.device("cuda")).shape)
