# source: https://github.com/raghavian/lungVAE/issues/3
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper
# bug-lines: 46
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn

from utils import save_mask


class TinyUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(8, 1, 3, padding=1))

    def forward(self, x):
        return torch.sigmoid(self.body(x))


def load_image(path, size=64):
    # stands in for reading and padding a chest x-ray
    img = torch.rand(1, 1, size, size)
    return img, (48, 56, 8, 4, 80, 72)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="scans/")
    parser.add_argument("--no_post", action="store_true")
    parser.add_argument("--gpu", action="store_true")
    args = parser.parse_args()
    device = torch.device("cuda:0" if args.gpu and torch.cuda.is_available() else "cpu")

    net = TinyUNet().to(device)
    net.eval()
    for name in ["a.png", "b.png"]:
        img, (h, w, h_loc, w_loc, im_h, im_w) = load_image(args.data + name)
        with torch.no_grad():
            mask = net(img.to(device))
        save_mask(name + ".npy", mask.squeeze(), h, w, h_loc, w_loc, im_h, im_w, args.no_post)


if __name__ == "__main__":
    main()
