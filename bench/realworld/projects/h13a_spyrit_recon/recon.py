# source: https://github.com/openspyrit/spyrit/issues/182
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, class, multi-file
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
"""Simulate split Hadamard acquisitions and reconstruct them on the GPU."""
import argparse
import os

import numpy as np
import torch
import torch.nn as nn

from meas import HadamSplit
from sampling import variance_order


class PinvNet(nn.Module):
    def __init__(self, meas_op: HadamSplit):
        super().__init__()
        self.meas_op = meas_op

    def forward(self, y: torch.Tensor) -> torch.Tensor:
        m = self.meas_op.measure_diff(y)
        x = self.meas_op.inverse(m)
        side = self.meas_op.img_size
        return x.view(-1, 1, side, side)


def load_prior(path: str, img_size: int) -> torch.Tensor:
    if os.path.exists(path):
        cov = np.load(path)
        return variance_order(np.diag(cov), img_size)
    rng = np.random.default_rng(0)
    return variance_order(rng.random(img_size * img_size), img_size)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cov", default="stats/Cov_32x32.npy")
    parser.add_argument("--img-size", type=int, default=32)
    parser.add_argument("--n-meas", type=int, default=256)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    order = load_prior(args.cov, args.img_size)
    meas_op = HadamSplit(order, args.img_size, args.n_meas)
    net = PinvNet(meas_op).to(device).eval()

    x = torch.rand(8, args.img_size * args.img_size, device=device)
    with torch.no_grad():
        y = meas_op(x)
        rec = net(y)
    err = (rec.flatten(1) - x).pow(2).mean().item()
    print(f"reconstruction mse: {err:.4e}")


if __name__ == "__main__":
    main()
