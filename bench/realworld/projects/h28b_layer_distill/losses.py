# source: https://github.com/facebookresearch/d2go/pull/430
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
from dataclasses import dataclass

import torch.nn as nn
import torch.nn.functional as F


class FeatureAlignLoss(nn.Module):
    """FitNets-style hint loss: project student features to the teacher width."""

    def __init__(self, student_dim, teacher_dim):
        super().__init__()
        self.proj = nn.Linear(student_dim, teacher_dim, bias=False)

    def forward(self, student_feat, teacher_feat):
        student_feat = student_feat.mean(dim=(2, 3)) if student_feat.dim() == 4 else student_feat
        teacher_feat = teacher_feat.mean(dim=(2, 3)) if teacher_feat.dim() == 4 else teacher_feat
        return F.mse_loss(self.proj(student_feat), teacher_feat.detach())


@dataclass
class LayerLossSpec:
    name: str
    student_layer: str
    teacher_layer: str
    loss: nn.Module
    weight: float = 1.0
