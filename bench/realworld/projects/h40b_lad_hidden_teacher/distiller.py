# source: https://github.com/open-mmlab/mmdetection/pull/10078
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 24, 29
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Student detector whose anchor labels come from a frozen teacher (LAD)."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models import resnet18

from teacher import DenseHead, build_teacher


class LADStudent(nn.Module):
    def __init__(self, teacher_ckpt=None, num_classes=80):
        super().__init__()
        r = resnet18()
        self.backbone = nn.Sequential(*list(r.children())[:-2])
        self.head = DenseHead(in_ch=512, num_classes=num_classes)
        # keep the teacher out of parameters()/state_dict(): store it in a plain list
        self.teacher_model = [build_teacher(teacher_ckpt)]
        self.num_classes = num_classes

    @torch.no_grad()
    def assign_labels(self, img):
        t_cls, _ = self.teacher_model[0](img)
        b, _, h, w = t_cls.shape
        t_cls = t_cls.view(b, -1, self.num_classes, h, w)
        return t_cls.sigmoid().argmax(dim=2)

    def forward(self, img):
        s_cls, s_reg = self.head(self.backbone(img))
        soft_targets = self.assign_labels(img)
        b, _, h, w = s_cls.shape
        s_cls = s_cls.view(b, -1, self.num_classes, h, w)
        soft_targets = F.interpolate(soft_targets.float(), size=(h, w), mode="nearest").long()
        loss_cls = F.cross_entropy(s_cls.permute(0, 2, 1, 3, 4), soft_targets)
        return {"loss_cls": loss_cls, "loss_reg": s_reg.abs().mean() * 0.0}
