# source: https://github.com/cabooster/SRDTrans/issues/16
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: helper, loader-loop
# bug-lines: 23, 40, 52
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


def read_stack(path, frames=32, size=64):
    """Stands in for tifffile.imread: a uint16 microscopy stack."""
    rng = np.random.default_rng(abs(hash(path)) % 2**32)
    return rng.integers(0, 4096, (frames, size, size), dtype=np.uint16)


def normalize_stack(stack):
    stack = stack.astype(np.float64)
    return (stack - stack.mean()) / (stack.std() + 1e-6)


class PatchDataset(Dataset):
    def __init__(self, stack, patch_t=8, patch_xy=32):
        self.stack, self.pt, self.pxy = stack, patch_t, patch_xy
        self.coords = [(t, y, x) for t in range(0, stack.shape[0] - patch_t + 1, patch_t)
                       for y in range(0, stack.shape[1] - patch_xy + 1, patch_xy)
                       for x in range(0, stack.shape[2] - patch_xy + 1, patch_xy)]

    def __len__(self):
        return len(self.coords)

    def __getitem__(self, i):
        t, y, x = self.coords[i]
        patch = self.stack[t:t + self.pt, y:y + self.pxy, x:x + self.pxy]
        return torch.from_numpy(np.ascontiguousarray(patch))[None], (t, y, x)


def test(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = nn.Sequential(nn.Conv3d(1, 8, 3, padding=1), nn.ReLU(), nn.Conv3d(8, 1, 3, padding=1))
    net = net.to(device).eval()
    stack = normalize_stack(read_stack(args.datasets_path))
    loader = DataLoader(PatchDataset(stack), batch_size=args.batch_size)
    out = []
    with torch.no_grad():
        for patch, _ in loader:
            out.append(net(patch.to(device)).cpu())
    return torch.cat(out)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--datasets_path", default="my_stack.tif")
    p.add_argument("--batch_size", type=int, default=4)
    print(test(p.parse_args()).shape)
