# source: https://github.com/Ekko-zn/AIGCDetectBenchmark/issues/9
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# bug-lines: 50, 58, 70
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class TinyUNet(nn.Module):
    def __init__(self, ch=16):
        super().__init__()
        self.inp = nn.Conv2d(3, ch, 3, padding=1)
        self.mid = nn.Conv2d(ch, ch, 3, padding=1)
        self.out = nn.Conv2d(ch, 3, 3, padding=1)
        self.dtype = torch.float32

    def convert_to_fp16(self):
        self.inp.half()
        self.mid.half()
        self.out.half()
        self.dtype = torch.float16

    def forward(self, x, t):
        h = torch.relu(self.inp(x.type(self.dtype)))
        h = torch.relu(self.mid(h)) + t.view(-1, 1, 1, 1).type(self.dtype)
        return self.out(h).float()


class FolderImages(Dataset):
    def __init__(self, n=6):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return torch.rand(3, 32, 32) * 2 - 1


def create_model(args):
    model = TinyUNet()
    model.eval()
    if args.use_fp16:
        model.convert_to_fp16()
    return model


def dire(img, model, steps=4):
    x = img
    for s in reversed(range(steps)):
        t = torch.full((x.shape[0],), float(s))
        x = x - 0.1 * model(x, t)
    return torch.abs(img - x)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--use_fp16", type=bool, default=True)
    args = parser.parse_args([])
    model = create_model(args)
    loader = DataLoader(FolderImages(), batch_size=2)
    with torch.no_grad():
        for img in loader:
            d = dire(img, model)
            print(d.shape, d.dtype)


if __name__ == "__main__":
    main()
