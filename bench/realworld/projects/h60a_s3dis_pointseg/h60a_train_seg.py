# source: https://github.com/open-mmlab/mmdetection3d/issues/1600
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 53
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Train a PointNet-style per-point segmenter on S3DIS blocks (13 classes)."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader

from h60a_s3dis_dataset import S3DISBlocks

NUM_CLASSES = 13


class PointSegNet(nn.Module):
    def __init__(self, in_ch=6, num_classes=NUM_CLASSES):
        super().__init__()
        self.local = nn.Sequential(nn.Conv1d(in_ch, 64, 1), nn.BatchNorm1d(64), nn.ReLU(),
                                   nn.Conv1d(64, 128, 1), nn.BatchNorm1d(128), nn.ReLU())
        self.head = nn.Sequential(nn.Conv1d(128 + 128, 128, 1), nn.BatchNorm1d(128), nn.ReLU(),
                                  nn.Dropout(0.5), nn.Conv1d(128, num_classes, 1))

    def forward(self, x):  # x: (B, C, N)
        feat = self.local(x)
        glob_feat = feat.max(dim=2, keepdim=True).values.expand_as(feat)
        return self.head(torch.cat([feat, glob_feat], dim=1))  # (B, K, N)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default="data/s3dis/points")
    parser.add_argument("--epochs", type=int, default=80)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set = S3DISBlocks(args.root, areas=[1, 2, 3, 4, 6])
    loader = DataLoader(train_set, batch_size=16, shuffle=True, num_workers=4, drop_last=True)
    model = PointSegNet().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)

    for epoch in range(args.epochs):
        model.train()
        for batch in loader:
            points = batch["points"].to(device).transpose(1, 2).contiguous()
            target = batch["sem_label"].to(device)
            logits = model(points)
            loss = F.cross_entropy(logits, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")
        torch.save(model.state_dict(), "pointseg_s3dis.pth")


if __name__ == "__main__":
    main()
