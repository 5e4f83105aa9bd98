# source: https://github.com/lijx10/SO-Net/issues/41
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, batch-dict, loader-loop
# bug-lines: 55, 56
# needs: torch
# cpu: no written where torch was not installed; not run
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F


class PointSegNet(nn.Module):
    def __init__(self, num_parts=50):
        super().__init__()
        self.mlp = nn.Sequential(
            nn.Conv1d(3, 64, 1), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Conv1d(64, 128, 1), nn.BatchNorm1d(128), nn.ReLU(),
        )
        self.head = nn.Sequential(nn.Conv1d(256, 128, 1), nn.ReLU(), nn.Conv1d(128, num_parts, 1))

    def forward(self, points):
        local = self.mlp(points)
        global_feat = local.max(dim=2, keepdim=True)[0].expand_as(local)
        return self.head(torch.cat([local, global_feat], dim=1))


class SegmenterModel:
    def __init__(self, opt):
        self.opt = opt
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.net = PointSegNet(opt.num_parts).to(self.device)
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=opt.lr)
        self.loss = None
        self.accuracy = None

    def set_input(self, points, seg_labels):
        self.points = points.to(self.device).transpose(1, 2)
        self.seg_labels = seg_labels.to(self.device)

    def optimize(self):
        self.net.train()
        self.optimizer.zero_grad()
        logits = self.net(self.points)
        self.loss = F.cross_entropy(logits, self.seg_labels)
        self.loss.backward()
        self.optimizer.step()
        pred = logits.argmax(dim=1)
        self.accuracy = (pred == self.seg_labels).float().mean()

    def get_current_errors(self):
        return OrderedDict([
            ("train_loss", self.loss.detach()),
            ("train_accuracy", self.accuracy),
        ])
