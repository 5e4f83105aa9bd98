# The pixels are scaled to floats in [0, 1] before they become a tensor.
import numpy as np
import torch
from PIL import Image
from torch import nn


def load_frame(path):
    pixels = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255.0
    return torch.from_numpy(pixels).permute(2, 0, 1)


def embed_frames(paths, device):
    encoder = nn.Sequential(nn.Conv2d(3, 32, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
    encoder.to(device)
    batch = torch.stack([load_frame(p) for p in paths]).to(device)
    return encoder(batch).flatten(1)


def label_image(path):
    # a mode-"I" image holds 32-bit integers, and nothing here feeds a layer
    return np.asarray(Image.open(path).convert("I")).max()


# A float image mode ("F") in a name: not 8-bit pixels, whatever is done to it after.
def load_depth(path, size=(128, 128)):
    img = Image.open(path).convert("F")
    img = img.resize(size)
    return torch.from_numpy(np.asarray(img).copy()).unsqueeze(0)


def depth_features(paths, device):
    encoder = nn.Sequential(nn.Conv2d(1, 16, 3), nn.AdaptiveAvgPool2d(1)).to(device)
    return [encoder(load_depth(p).unsqueeze(0).to(device)) for p in paths]
