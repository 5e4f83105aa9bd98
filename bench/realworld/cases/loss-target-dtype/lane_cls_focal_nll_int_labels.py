# source: https://github.com/cfzd/Ultra-Fast-Lane-Detection/issues/127 https://github.com/cfzd/Ultra-Fast-Lane-Detection/issues/90
# error: RuntimeError: Expected object of scalar type Long but got scalar type Int for argument #2 'target' in call to _thnn_nll_loss2d_forward
# pattern: loss-target-dtype
# shape: class, helper, batch-dict, loader-loop
# bug-lines: 24, 62
# cpu: raises "expected target dtype to be Long or Byte, but got Int"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class LaneClsDataset(Dataset):
    def __init__(self, n=8, griding_num=20, num_lanes=2, row_anchors=6):
        self.n, self.griding_num, self.shape = n, griding_num, (row_anchors, num_lanes)

    def _grid_pts(self, idx):
        return np.random.default_rng(idx).integers(0, self.griding_num + 1, self.shape)

    def __getitem__(self, idx):
        img = torch.rand(3, 32, 80)
        cls_label = self._grid_pts(idx).astype(np.int32)
        return img, torch.from_numpy(cls_label)

    def __len__(self):
        return self.n


class SoftmaxFocalLoss(nn.Module):
    def __init__(self, gamma, ignore_lb=255):
        super().__init__()
        self.gamma = gamma
        self.nll = nn.NLLLoss(ignore_index=ignore_lb)

    def forward(self, logits, labels):
        factor = torch.pow(1.0 - F.softmax(logits, dim=1), self.gamma)
        log_score = factor * F.log_softmax(logits, dim=1)
        return self.nll(log_score, labels)


class ParsingNet(nn.Module):
    def __init__(self, griding_num=20, row_anchors=6, num_lanes=2):
        super().__init__()
        self.cls_dim = (griding_num + 1, row_anchors, num_lanes)
        self.backbone = nn.Sequential(nn.Conv2d(3, 4, 3, stride=4), nn.ReLU(), nn.AdaptiveAvgPool2d((2, 4)))
        self.cls = nn.Linear(32, int(np.prod(self.cls_dim)))

    def forward(self, x):
        return self.cls(self.backbone(x).flatten(1)).view(-1, *self.cls_dim)


def get_loss_dict():
    return {"name": ["cls_loss"], "op": [SoftmaxFocalLoss(2)], "weight": [1.0], "data_src": [("cls_out", "cls_label")]}


def calc_loss(loss_dict, results):
    loss = 0
    for i in range(len(loss_dict["name"])):
        datas = [results[src] for src in loss_dict["data_src"][i]]
        loss = loss + loss_dict["op"][i](*datas) * loss_dict["weight"][i]
    return loss


def train(net, data_loader, loss_dict, optimizer, device):
    net.train()
    for img, cls_label in data_loader:
        img, cls_label = img.to(device), cls_label.to(device)
        loss = calc_loss(loss_dict, {"cls_out": net(img), "cls_label": cls_label})
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    net = ParsingNet().to(device)
    train(net, DataLoader(LaneClsDataset(), batch_size=4, shuffle=True), get_loss_dict(),
          torch.optim.Adam(net.parameters(), lr=4e-4), device)
