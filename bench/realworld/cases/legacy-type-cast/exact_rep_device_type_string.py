# source: https://github.com/michaelsdr/momentumnet/pull/30
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: legacy-type-cast
# shape: class, helper
# bug-lines: 26
# cpu: clean
# needs: torch
import argparse

import torch

RADIX_SCALE = 2 ** 52


class BitStore:
    def __init__(self, shape, device):
        self.store = torch.zeros(shape, dtype=torch.long, device=device)

    def push(self, n, m):
        self.store = self.store * m + n


class TorchExactRep:
    def __init__(self, val, device=None):
        if device is None:
            device = val.device.type
        self.intrep = torch.zeros(val.shape, dtype=torch.long, device=device)
        self.intrep += (val * RADIX_SCALE).long()
        self.aux = BitStore(val.shape, device)

    def mul(self, a):
        n, d = int(a * 100), 100
        rem = self.intrep % d
        self.aux.push(rem, d)
        self.intrep = self.intrep // d * n
        return self

    def add(self, v):
        self.intrep = self.intrep + (v * RADIX_SCALE).long()
        return self

    def val(self):
        return self.intrep.double() / RADIX_SCALE


def momentum_step(velocity, grad, gamma):
    v = TorchExactRep(velocity)
    v.mul(gamma).add((1 - gamma) * grad)
    return v.val()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu", type=int, default=1)
    args = parser.parse_args()
    if torch.cuda.is_available() and torch.cuda.device_count() > args.gpu:
        device = torch.device(f"cuda:{args.gpu}")
    else:
        device = torch.device("cpu")
    velocity = torch.zeros(4, device=device)
    grad = torch.randn(4, device=device)
    print(momentum_step(velocity, grad, gamma=0.9))
