# source: https://github.com/kanezaki/pytorch-unsupervised-segmentation/pull/6
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 25, 26, 28, 29
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Unsupervised defect-region segmentation for surface inspection images
(steel strip / fabric). The net clusters pixels; regions that form small,
isolated clusters are flagged as candidate defects."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class ClusterNet(nn.Module):
    def __init__(self, in_ch=3, feat=64, n_mid=2):
        super().__init__()
        self.stem = nn.Conv2d(in_ch, feat, 3, padding=1)
        self.stem_bn = nn.BatchNorm2d(feat)
        self.mid_convs = []
        self.mid_bns = []
        for _ in range(n_mid):
            self.mid_convs.append(nn.Conv2d(feat, feat, 3, padding=1))
            self.mid_bns.append(nn.BatchNorm2d(feat))
        self.proj = nn.Conv2d(feat, feat, 1)
        self.proj_bn = nn.BatchNorm2d(feat)

    def forward(self, x):
        x = F.relu(self.stem_bn(self.stem(x)))
        for conv, bn in zip(self.mid_convs, self.mid_bns):
            x = F.relu(bn(conv(x)))
        return self.proj_bn(self.proj(x))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", required=True, help="ImageFolder of inspection crops")
    ap.add_argument("--iters", type=int, default=200)
    args = ap.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.Resize((256, 256)), transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder(args.images, tf), batch_size=1, shuffle=False)
    model = ClusterNet().to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)

    for img, _ in loader:
        img = img.to(device)
        for it in range(args.iters):
            opt.zero_grad()
            out = model(img)[0]
            target = out.argmax(dim=0)
            sim = F.cross_entropy(out.unsqueeze(0), target.unsqueeze(0))
            cont = (out[:, 1:, :] - out[:, :-1, :]).abs().mean() + (out[:, :, 1:] - out[:, :, :-1]).abs().mean()
            loss = sim + cont
            loss.backward()
            opt.step()
        print("clusters:", target.unique().numel())


if __name__ == "__main__":
    main()
