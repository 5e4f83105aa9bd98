import cv2
import numpy as np
import torch
import torch.nn as nn
from torchvision.io import read_image


class Detector(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2), nn.ReLU())
        self.head = nn.Conv2d(16, 4 + num_classes, 1)

    def forward(self, x):
        return self.head(self.backbone(x))


# The frame is converted to the model's dtype and scaled before the model sees it.
def preprocess(frame_bgr, device):
    rgb = np.ascontiguousarray(frame_bgr[..., ::-1])
    return torch.from_numpy(rgb).permute(2, 0, 1).unsqueeze(0).to(device).half() / 255


def frames(n):
    for _ in range(n):
        yield (np.random.rand(32, 32, 3) * 255).astype(np.uint8)


def detect(device):
    model = Detector(80).to(device).half()
    return [model(preprocess(frame, device)) for frame in frames(3)]


class Normalizing(nn.Module):
    # The model converts its uint8 input itself, as torchvision's detection models do.
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, image):
        return self.conv(image.float() / 255)


def classify(path):
    return Normalizing()(read_image(path).unsqueeze(0))


# True division makes integers floating.
def classify_cv2(path):
    net = Detector(10)
    image = torch.from_numpy(cv2.imread(path)).permute(2, 0, 1)[None]
    return net(image / 255.0)


# Integer token ids go to an embedding first, which takes indices.
def embed(ids):
    encoder = nn.Sequential(nn.Embedding(100, 8), nn.Linear(8, 8))
    return encoder(torch.tensor(ids, dtype=torch.int32))


# A 16-bit image read unchanged: its dtype is not known, so nothing is said.
def depth(path):
    net = Detector(1)
    return net(torch.from_numpy(cv2.imread(path, cv2.IMREAD_UNCHANGED)).permute(2, 0, 1)[None])
