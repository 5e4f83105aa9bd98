# source: https://github.com/Fafa-DL/Awesome-Backbones/issues/77
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# bug-lines: 22
# needs: torch, torchvision, timm, pillow
# cpu: no written where torch was not installed; not run
"""Single-image inference with a fine-tuned Swin-V2 classifier (checkpoint saved on a GPU box)."""
import argparse
import os
import re

import timm
import torch
from PIL import Image
from torchvision import transforms


def load_checkpoint(model, filename, strict=False, revise_keys=((r"^module\.", ""),)):
    if not os.path.isfile(filename):
        raise FileNotFoundError(f"{filename} can not be found.")
    checkpoint = torch.load(filename)
    state_dict = checkpoint.get("state_dict", checkpoint)
    for pattern, repl in revise_keys:
        state_dict = {re.sub(pattern, repl, k): v for k, v in state_dict.items()}
    missing, unexpected = model.load_state_dict(state_dict, strict=strict)
    if missing:
        print(f"missing keys: {missing[:5]} ...")
    return checkpoint


def init_model(arch, num_classes, ckpt, device):
    model = timm.create_model(arch, pretrained=False, num_classes=num_classes)
    load_checkpoint(model, ckpt)
    return model.to(device).eval()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("img")
    parser.add_argument("--arch", default="swinv2_small_window8_256")
    parser.add_argument("--ckpt", default="logs/SwinV2/Train_Epoch089.pth")
    parser.add_argument("--num-classes", type=int, default=12)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = init_model(args.arch, args.num_classes, args.ckpt, device)
    tfm = transforms.Compose([
        transforms.Resize(292), transforms.CenterCrop(256), transforms.ToTensor(),
        transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),
    ])
    x = tfm(Image.open(args.img).convert("RGB")).unsqueeze(0).to(device)
    with torch.no_grad():
        probs = model(x).softmax(dim=-1)[0]
    score, label = probs.max(dim=0)
    print(f"pred={label.item()} score={score.item():.3f}")


if __name__ == "__main__":
    main()
