# source: https://github.com/pytorch/pytorch/issues/46533
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: class, helper, loader-loop
# bug-lines: 35, 37
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""int8 calibration of the MobileNetV2 classifier: per-conv activation ranges to a
JSON table for the edge runtime.  GPU 0 runs training, so this uses --device cuda:1."""
import argparse
import json

import torch
import torch.nn as nn
import torchvision
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class RangeObserver(nn.Module):
    def __init__(self, eps=1e-8):
        super().__init__()
        self.eps = eps
        self.register_buffer("min_val", torch.tensor(float("inf")))
        self.register_buffer("max_val", torch.tensor(float("-inf")))

    def forward(self, x):
        x = x.detach()
        self.min_val = torch.minimum(self.min_val, x.min())
        self.max_val = torch.maximum(self.max_val, x.max())
        return x

    def calculate_qparams(self):
        min_val, max_val = self.min_val, self.max_val
        device = "cuda" if min_val.is_cuda else "cpu"
        scale = (max_val - min_val) / 255.0
        scale = torch.max(scale, torch.tensor(self.eps, device=device, dtype=scale.dtype))
        zero_point = torch.clamp(-torch.round(min_val / scale), 0, 255).to(torch.int64)
        return scale, zero_point


def attach_observers(model):
    observers = nn.ModuleDict()
    for name, module in model.named_modules():
        if isinstance(module, nn.Conv2d):
            key = name.replace(".", "_")
            observers[key] = RangeObserver()
            module.register_forward_hook(lambda m, inp, out, k=key: observers[k](out))
    return observers


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/calib")
    parser.add_argument("--weights", default="mobilenet_v2_cifar10.pth")
    parser.add_argument("--device", default="cuda:1")
    parser.add_argument("--out", default="qparams.json")
    args = parser.parse_args()
    device = torch.device(args.device)

    model = torchvision.models.mobilenet_v2(num_classes=10)
    model.load_state_dict(torch.load(args.weights, map_location="cpu"))
    model.eval().to(device)
    observers = attach_observers(model).to(device)

    tfm = transforms.Compose([transforms.Resize(224), transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder(args.data, tfm), batch_size=32)
    with torch.no_grad():
        for images, _ in loader:
            model(images.to(device))

    table = {}
    for name, obs in observers.items():
        scale, zero_point = obs.calculate_qparams()
        table[name] = {"scale": scale.item(), "zero_point": zero_point.item()}
    json.dump(table, open(args.out, "w"), indent=2)


if __name__ == "__main__":
    main()
