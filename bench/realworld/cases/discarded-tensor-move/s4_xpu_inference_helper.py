# source: https://github.com/intel/intel-extension-for-pytorch/pull/267
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: helper
# bug-lines: 31, 37
# cpu: clean
# needs: torch

import torch
import torch.nn as nn


def pick_device():
    if hasattr(torch, "xpu") and torch.xpu.is_available():
        return torch.device("xpu")
    if torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


def build_model(num_classes=10):
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, num_classes),
    )


def prepare_for_inference(model, data, device):
    model.eval()
    model = model.to(device)
    data.to(device)
    return model, data


@torch.no_grad()
def run(model, data):
    logits = model(data)
    return logits.softmax(-1).argmax(-1)


def main():
    device = pick_device()
    model = build_model()
    data = torch.rand(4, 3, 64, 64)
    model, data = prepare_for_inference(model, data, device)
    print(run(model, data).tolist())


if __name__ == "__main__":
    main()
