# source: https://github.com/hustvl/YOLOP/issues/51
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1!
# pattern: current-gpu-mismatch
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn

from loss import MultiHeadLoss
from utils import select_device


class TinyPanoptic(nn.Module):
    def __init__(self, na=3, nc=1):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1), nn.SiLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.SiLU())
        self.det = nn.Conv2d(64, na * (5 + nc), 1)
        self.seg = nn.Sequential(nn.Upsample(scale_factor=4), nn.Conv2d(64, 2, 1))
        self.na, self.no = na, 5 + nc

    def forward(self, x):
        f = self.backbone(x)
        d = self.det(f)
        bs, _, ny, nx = d.shape
        d = d.view(bs, self.na, self.no, ny, nx).permute(0, 1, 3, 4, 2)
        return [d], self.seg(f)


def main(opt):
    device = select_device(opt.device)
    anchors = torch.tensor([[[3.0, 9.0], [5.0, 11.0], [4.0, 20.0]]])
    model = TinyPanoptic().to(device)
    criterion = MultiHeadLoss(anchors).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.937)
    for step in range(opt.steps):
        imgs = torch.randn(2, 3, 256, 256, device=device)
        targets = torch.tensor([[0, 0, 0.5, 0.5, 0.2, 0.3], [1, 0, 0.3, 0.6, 0.1, 0.1]], device=device)
        seg_t = torch.rand(2, 2, 256, 256, device=device)
        det_out, seg_out = model(imgs)
        loss = criterion(det_out, seg_out, targets, seg_t)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(step, loss.item())


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--device", default="1", help="cuda device, i.e. 0 or 1 or cpu")
    ap.add_argument("--steps", type=int, default=10)
    main(ap.parse_args())
