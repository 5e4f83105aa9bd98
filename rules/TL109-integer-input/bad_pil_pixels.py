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


# The image held in a name first, then converted and resized: still 8-bit pixels.
def load_pair_image(path, size=(128, 128)):
    img = Image.open(path).convert("L")
    img = img.resize(size)
    arr = np.asarray(img)
    return torch.from_numpy(arr.copy()).unsqueeze(0)  # expect: TL109:12 lines=37


def compare(paths_a, paths_b, device):
    encoder = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1)).to(device)
    for a, b in zip(paths_a, paths_b):
        left = load_pair_image(a).unsqueeze(0).to(device)
        right = load_pair_image(b).unsqueeze(0).to(device)
        yield encoder(left) - encoder(right)
