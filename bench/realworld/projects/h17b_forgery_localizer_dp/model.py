# source: https://github.com/ymhzyj/UMMAFormer/issues/17
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, class, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class TemporalConvBlock(nn.Module):
    def __init__(self, dim, kernel=3):
        super().__init__()
        self.conv = nn.Conv1d(dim, dim, kernel, padding=kernel // 2)
        self.norm = nn.GroupNorm(8, dim)

    def forward(self, x):
        return F.relu(self.norm(self.conv(x))) + x


class ForgeryLocalizer(nn.Module):
    def __init__(self, in_dim, dim=256, depth=4, num_classes=1):
        super().__init__()
        self.embed = nn.Conv1d(in_dim, dim, 1)
        self.blocks = nn.Sequential(*[TemporalConvBlock(dim) for _ in range(depth)])
        self.cls_head = nn.Conv1d(dim, num_classes, 3, padding=1)
        self.reg_head = nn.Conv1d(dim, 2, 3, padding=1)

    def forward(self, video_list):
        feats = torch.stack([v["feats"] for v in video_list])
        x = self.blocks(self.embed(feats))
        logits = self.cls_head(x).squeeze(1)
        offsets = F.relu(self.reg_head(x))
        labels = torch.stack([v["labels"] for v in video_list])
        segs = torch.stack([v["segments"] for v in video_list])
        cls_loss = F.binary_cross_entropy_with_logits(logits, labels)
        reg_loss = F.smooth_l1_loss(offsets.transpose(1, 2)[labels > 0], segs[labels > 0])
        return {"cls_loss": cls_loss, "reg_loss": reg_loss, "final_loss": cls_loss + reg_loss}


def make_meta_arch(cfg):
    return ForgeryLocalizer(cfg["input_dim"], cfg["embd_dim"], cfg["depth"])
