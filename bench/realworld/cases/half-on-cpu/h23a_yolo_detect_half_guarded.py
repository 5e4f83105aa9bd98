# source: https://github.com/pytorch/pytorch/issues/23377
# error: RuntimeError: _thnn_conv2d_forward not supported on CPUType for Half
# pattern: half-on-cpu
# shape: helper, loader-loop
# looks-like: half-on-cpu
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torchvision
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


def select_device(name):
    if name != "cpu" and torch.cuda.is_available():
        return torch.device("cuda:0")
    return torch.device("cpu")


def load_detector(weights, device, want_half):
    model = torchvision.models.detection.fasterrcnn_mobilenet_v3_large_fpn(weights=None, num_classes=91)
    model.load_state_dict(torch.load(weights, map_location="cpu"))
    model.to(device).eval()
    # FP16 only where the kernels exist: CUDA
    half = want_half and device.type != "cpu"
    if half:
        model.half()
    return model, half


def detect(opt):
    device = select_device(opt.device)
    model, half = load_detector(opt.weights, device, opt.half)
    tfm = transforms.Compose([transforms.Resize((416, 416)), transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder(opt.source, transform=tfm), batch_size=1)
    results = []
    with torch.no_grad():
        for img, _ in loader:
            img = img.to(device)
            img = img.half() if half else img.float()
            pred = model(list(img))
            results.append({k: v.float().cpu() for k, v in pred[0].items()})
    return results


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--weights", default="weights/frcnn.pt")
    p.add_argument("--source", default="data/samples")
    p.add_argument("--device", default="cpu")
    p.add_argument("--half", action="store_true")
    out = detect(p.parse_args())
    print(len(out), "images processed")
