# numpy reads a PIL image's pixels as uint8: the frames reach the convolution as
# integers.
import numpy as np
import torch
from PIL import Image
from torch import nn


def load_frame(path):
    pixels = np.asarray(Image.open(path).convert("RGB").resize((224, 224)))
    return torch.from_numpy(pixels).permute(2, 0, 1)  # expect: TL109:12 lines=20


def embed_frames(paths, device):
    encoder = nn.Sequential(nn.Conv2d(3, 32, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
    encoder.to(device)
    features = []
    for start in range(0, len(paths), 16):
        batch = torch.stack([load_frame(p) for p in paths[start : start + 16]]).to(device)
        features.append(encoder(batch).flatten(1))
    return torch.cat(features)
