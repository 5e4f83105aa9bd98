# source: https://github.com/open-mmlab/mmdetection/pull/10078
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Frozen teacher detector used for label-assignment distillation."""
import torch
import torch.nn as nn
from torchvision.models import resnet50


class DenseHead(nn.Module):
    def __init__(self, in_ch=2048, num_classes=80, num_anchors=9):
        super().__init__()
        self.cls = nn.Conv2d(in_ch, num_anchors * num_classes, 3, padding=1)
        self.reg = nn.Conv2d(in_ch, num_anchors * 4, 3, padding=1)

    def forward(self, feat):
        return self.cls(feat), self.reg(feat)


class TeacherDetector(nn.Module):
    def __init__(self):
        super().__init__()
        r = resnet50()
        self.backbone = nn.Sequential(*list(r.children())[:-2])
        self.head = DenseHead()

    def forward(self, img):
        return self.head(self.backbone(img))


def build_teacher(ckpt_path=None):
    teacher = TeacherDetector()
    if ckpt_path is not None:
        teacher.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
    teacher.eval()
    for p in teacher.parameters():
        p.requires_grad_(False)
    return teacher
