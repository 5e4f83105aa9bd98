# source: https://github.com/inisis/brocolli/issues/52
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: tensor-created-without-device
# shape: multi-file, class, helper
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Quantize a trained ResNet-18 for edge deployment, calibrating on the GPU."""
import argparse

import torch
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms

from quantizer import PostTrainingQuantizer


def build_calib_loader(root, batch_size):
    tf = transforms.Compose([
        transforms.Resize(256),
        transforms.CenterCrop(224),
        transforms.ToTensor(),
        transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])
    return DataLoader(datasets.ImageFolder(root, tf), batch_size=batch_size, shuffle=True, num_workers=4)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="resnet18_finetuned.pth")
    parser.add_argument("--calib-dir", default="data/calib")
    parser.add_argument("--out", default="resnet18_int8.pt")
    args = parser.parse_args()

    device = torch.device("cuda")
    model = models.resnet18(num_classes=10)
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    model = model.to(device)

    quantizer = PostTrainingQuantizer(model, [(1, 3, 224, 224)])
    quantizer.trace()
    quantizer.calibrate(build_calib_loader(args.calib_dir, 32), device)
    int8_model = quantizer.convert()
    torch.jit.save(torch.jit.script(int8_model), args.out)


if __name__ == "__main__":
    main()
