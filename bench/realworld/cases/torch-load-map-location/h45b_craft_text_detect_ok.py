# source: https://github.com/clovaai/CRAFT-pytorch/issues/16
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location='cpu' to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, top-level
# looks-like: torch-load-map-location
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn


class TinyCRAFT(nn.Module):
    """Region/affinity score head on a small VGG-style trunk."""

    def __init__(self):
        super().__init__()
        self.basenet = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(True), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(True),
        )
        self.conv_cls = nn.Conv2d(64, 2, 1)

    def forward(self, x):
        y = self.conv_cls(self.basenet(x))
        return y.permute(0, 2, 3, 1)


def copy_state_dict(state_dict):
    start_idx = 1 if list(state_dict.keys())[0].startswith("module") else 0
    return OrderedDict((".".join(k.split(".")[start_idx:]), v) for k, v in state_dict.items())


def load_detector(weights, use_cuda):
    device = torch.device("cuda" if use_cuda else "cpu")
    net = TinyCRAFT()
    state = torch.load(weights, map_location=device)
    net.load_state_dict(copy_state_dict(state))
    return net.to(device).eval(), device


def detect(net, image, device, text_threshold=0.7):
    x = torch.from_numpy(image).permute(2, 0, 1).float().div(255.0).unsqueeze(0).to(device)
    with torch.no_grad():
        y = net(x)
    score_text = y[0, :, :, 0].cpu().numpy()
    return np.argwhere(score_text > text_threshold)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="CRAFT Text Detection")
    parser.add_argument("--trained_model", default="weights/craft_mlt_25k.pth", type=str)
    parser.add_argument("--cuda", default=True, type=lambda s: s.lower() in ("1", "true", "yes"))
    args = parser.parse_args()

    use_cuda = args.cuda and torch.cuda.is_available()
    net, device = load_detector(args.trained_model, use_cuda)
    image = (np.random.rand(384, 640, 3) * 255).astype(np.uint8)
    boxes = detect(net, image, device)
    print("text pixels above threshold:", len(boxes))
