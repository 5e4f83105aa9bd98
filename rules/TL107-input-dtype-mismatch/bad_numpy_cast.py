# A numpy array cast to float16 keeps that dtype through torch.from_numpy: the
# `.astype` chose the input's dtype, so the finding lands there.
import numpy as np
import torch
from torch import nn


class DepthRefiner(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.head = nn.Conv2d(8, 1, 1)

    def forward(self, depth):
        return self.head(torch.relu(self.conv(depth)))


def read_depth(raw):
    depth = np.asarray(raw).astype(np.float16) / 1000.0  # expect: TL107:13 lines=26,15
    return torch.from_numpy(depth)[None, None]


def refine(raw, device):
    model = DepthRefiner().to(device).eval()
    with torch.no_grad():
        return model(read_depth(raw).to(device))
