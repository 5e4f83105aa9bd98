# source: https://github.com/lucastabelini/LaneATT/issues/96
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 27, 44
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class AnchorLaneHead(nn.Module):
    """Anchor-based lane head: every anchor is a line (start_y, start_x, angle, n_offsets)."""

    def __init__(self, feat_channels=64, n_offsets=24, img_w=640, img_h=360):
        super().__init__()
        self.n_offsets = n_offsets
        self.img_w, self.img_h = img_w, img_h
        self.conv = nn.Conv2d(3, feat_channels, 3, stride=8, padding=1)
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        n_anchors = 2 * 36
        self.cls_layer = nn.Linear(feat_channels, n_anchors * 2)
        self.reg_layer = nn.Linear(feat_channels, n_anchors * (n_offsets + 3))
        self.anchors = self.generate_anchors(n_anchors)

    def generate_anchors(self, n_anchors):
        anchors = torch.zeros(n_anchors, self.n_offsets + 3)
        angles = torch.linspace(30.0, 150.0, n_anchors)
        ys = torch.linspace(0, 1, self.n_offsets)
        for i, ang in enumerate(angles):
            slope = 1.0 / math.tan(math.radians(float(ang)))
            anchors[i, 0] = 1.0
            anchors[i, 1] = self.img_w / 2
            anchors[i, 3:] = self.img_w / 2 + slope * ys * self.img_h
        return anchors

    def forward(self, images):
        feats = self.pool(torch.relu(self.conv(images))).flatten(1)
        cls_logits = self.cls_layer(feats).view(images.size(0), -1, 2)
        reg = self.reg_layer(feats).view(images.size(0), -1, self.n_offsets + 3)
        reg_proposals = reg + self.anchors
        return cls_logits, reg_proposals


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = AnchorLaneHead().to(device)
    if torch.cuda.device_count() > 1:
        model = nn.DataParallel(model)
    data = TensorDataset(torch.rand(16, 3, 360, 640), torch.rand(16, 72, 27))
    loader = DataLoader(data, batch_size=4)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    for images, targets in loader:
        images, targets = images.to(device), targets.to(device)
        cls_logits, proposals = model(images)
        loss = nn.functional.smooth_l1_loss(proposals, targets) + cls_logits.pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print("loss", loss.item())


if __name__ == "__main__":
    main()
