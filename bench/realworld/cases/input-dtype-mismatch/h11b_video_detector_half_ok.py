# source: https://github.com/ayooshkathuria/pytorch-yolo-v3/issues/7
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper, loader-loop
# looks-like: input-dtype-mismatch
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
"""Run a tiny single-scale detector over extracted video frames, fp16 on GPU."""
import argparse
import glob

import numpy as np
import torch
import torch.nn as nn
from PIL import Image


def conv_bn(c_in, c_out, stride=1):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False),
                         nn.BatchNorm2d(c_out), nn.LeakyReLU(0.1))


class TinyDarknet(nn.Module):
    def __init__(self, num_classes=80, num_anchors=3):
        super().__init__()
        chans = [3, 16, 32, 64, 128, 256]
        self.backbone = nn.Sequential(*[conv_bn(chans[i], chans[i + 1], 2) for i in range(5)])
        self.pred = nn.Conv2d(256, num_anchors * (5 + num_classes), 1)

    def forward(self, x):
        return self.pred(self.backbone(x))


def prep_image(path, inp_dim):
    img = Image.open(path).convert("RGB").resize((inp_dim, inp_dim))
    img = np.ascontiguousarray(np.asarray(img).transpose(2, 0, 1))
    return torch.from_numpy(img).unsqueeze(0)            # uint8, (1, 3, H, W)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", default="frames/*.jpg")
    parser.add_argument("--weights", default="weights/tiny_darknet.pt")
    parser.add_argument("--reso", type=int, default=416)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    half = device.type != "cpu"
    model = TinyDarknet()
    model.load_state_dict(torch.load(args.weights, map_location="cpu"))
    model.to(device).eval()
    if half:
        model.half()

    for path in sorted(glob.glob(args.frames)):
        img = prep_image(path, args.reso).to(device)
        img = img.half() if half else img.float()
        img /= 255.0
        with torch.no_grad():
            out = model(img)
        conf = torch.sigmoid(out.float()[:, 4::85]).max().item()
        print(f"{path}: max objectness {conf:.3f}")


if __name__ == "__main__":
    main()
