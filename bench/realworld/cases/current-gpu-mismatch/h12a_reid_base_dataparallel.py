# source: https://github.com/wangguanan/HOReID/issues/28
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cuda:1
# pattern: current-gpu-mismatch
# shape: class
# bug-lines: 44
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import os
from types import SimpleNamespace

import torch
import torch.nn as nn
import torchvision


class ReIDBackbone(nn.Module):
    def __init__(self, num_classes, feat_dim=2048):
        super().__init__()
        resnet = torchvision.models.resnet50(weights=None)
        self.body = nn.Sequential(*list(resnet.children())[:-2])
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.bnneck = nn.BatchNorm1d(feat_dim)
        self.classifier = nn.Linear(feat_dim, num_classes, bias=False)

    def forward(self, x):
        feat = self.pool(self.body(x)).flatten(1)
        return feat, self.classifier(self.bnneck(feat))


class Base:
    def __init__(self, config):
        self.config = config
        self.output_path = os.path.join(config.output_path, "models")
        self._init_device()
        self._init_model()
        self._init_criterion()
        self._init_optimizer()

    def _init_device(self):
        self.device = torch.device(self.config.device)

    def _init_model(self):
        self.model = ReIDBackbone(self.config.pid_num)
        self.model = nn.DataParallel(self.model).to(self.device)

    def _init_criterion(self):
        self.ide_criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
        self.triplet_criterion = nn.TripletMarginLoss(margin=self.config.margin)

    def _init_optimizer(self):
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=self.config.base_lr, weight_decay=5e-4)

    def train_step(self, imgs, pids, positives, negatives):
        imgs, pids = imgs.to(self.device), pids.to(self.device)
        feats, logits = self.model(imgs)
        pos_feats, _ = self.model(positives.to(self.device))
        neg_feats, _ = self.model(negatives.to(self.device))
        loss = self.ide_criterion(logits, pids) + self.triplet_criterion(feats, pos_feats, neg_feats)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def save_model(self, epoch):
        os.makedirs(self.output_path, exist_ok=True)
        path = os.path.join(self.output_path, f"model_{epoch}.pkl")
        torch.save(self.model.module.state_dict(), path)


if __name__ == "__main__":
    cfg = SimpleNamespace(device="cuda:1", output_path="out/market", pid_num=751, margin=0.3, base_lr=3.5e-4)
    base = Base(cfg)
    x = torch.randn(8, 3, 256, 128)
    print(base.train_step(x, torch.randint(0, 751, (8,)), x.flip(-1), x.roll(1, 0)))
