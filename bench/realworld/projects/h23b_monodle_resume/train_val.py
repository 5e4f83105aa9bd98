# source: https://github.com/xinzhuma/monodle/issues/7
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: optimizer-state-before-placement
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import logging

import torch
import torch.nn as nn
import torch.nn.functional as F

from trainer_helper import Trainer


class CenterNet3D(nn.Module):
    def __init__(self, num_classes=3, head_conv=256):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 64, 3, 2, 1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.Conv2d(64, 128, 3, 2, 1), nn.BatchNorm2d(128), nn.ReLU(inplace=True),
        )
        self.heatmap = nn.Sequential(nn.Conv2d(128, head_conv, 3, padding=1), nn.ReLU(inplace=True),
                                     nn.Conv2d(head_conv, num_classes, 1))
        self.depth = nn.Sequential(nn.Conv2d(128, head_conv, 3, padding=1), nn.ReLU(inplace=True),
                                   nn.Conv2d(head_conv, 2, 1))

    def forward(self, x):
        feat = self.backbone(x)
        return {"heatmap": self.heatmap(feat), "depth": self.depth(feat)}

    def compute_loss(self, outputs, targets):
        hm_loss = F.binary_cross_entropy_with_logits(outputs["heatmap"], targets["heatmap"])
        depth_loss = F.l1_loss(outputs["depth"][:, :1], targets["depth"])
        return hm_loss + depth_loss


def main():
    logging.basicConfig(level=logging.INFO)
    logger = logging.getLogger("monodle")
    cfg = {"max_epoch": 140, "save_frequency": 10,
           "resume_model": "checkpoints/checkpoint_epoch_60.pth"}
    model = CenterNet3D(num_classes=3)
    optimizer = torch.optim.Adam(model.parameters(), lr=1.25e-3, weight_decay=1e-5)
    lr_scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[90, 120], gamma=0.1)
    from kitti_dataset import build_train_loader  # project-local KITTI loader
    train_loader = build_train_loader(batch_size=16)
    trainer = Trainer(cfg, model, optimizer, train_loader, lr_scheduler, logger)
    trainer.train()


if __name__ == "__main__":
    main()
