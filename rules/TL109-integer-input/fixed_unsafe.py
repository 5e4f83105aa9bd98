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


# YOLO-NAS style: a helper turns a video frame (uint8, as decoders give it) into a
# tensor, and the model is half on the GPU. 'Input type (torch.cuda.ByteTensor) and
# weight type (torch.cuda.HalfTensor) should be the same'.
def preprocess(frame_bgr, device):
    rgb = np.ascontiguousarray(frame_bgr[..., ::-1])
    return torch.from_numpy(rgb).permute(2, 0, 1).unsqueeze(0).to(device)  # expect: TL109:12 lines=33,15


def frames(n):
    for _ in range(n):
        yield (np.random.rand(32, 32, 3) * 255).astype(np.uint8)


def detect(device):
    model = Detector(80).to(device).half()
    return [model(preprocess(frame, device).half()) for frame in frames(3)]


# An image read from disk is uint8 too, whether torchvision or OpenCV reads it.
def classify(path):
    net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten())
    return net(read_image(path).unsqueeze(0).float())  # expect: TL109:16 lines=39


def classify_cv2(path):
    net = Detector(10)
    image = torch.from_numpy(cv2.imread(path)).permute(2, 0, 1)[None]  # expect: TL109:13 lines=45,15
    return net(image.float())


# Tabular data saved as int32 codes, fed to a linear layer.
def regress(codes):
    layer = nn.Linear(4, 1)
    x = torch.tensor(codes, dtype=torch.int32)  # expect: TL109:9 lines=52
    return layer(x.float())
