# source: https://github.com/Xiangyu-CAS/AICity2020-VOC-ReID/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Circle-loss classification head (a head with its own weight, not a pure loss)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class CircleHead(nn.Module):
    def __init__(self, in_feat, num_classes, scale=64.0, margin=0.35):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(num_classes, in_feat))
        nn.init.kaiming_uniform_(self.weight, a=5 ** 0.5)
        self.s, self.m = scale, margin

    def forward(self, bn_feat, targets):
        sim_mat = F.linear(F.normalize(bn_feat), F.normalize(self.weight))
        alpha_p = (-sim_mat.detach() + 1 + self.m).clamp(min=0)
        alpha_n = (sim_mat.detach() + self.m).clamp(min=0)
        delta_p, delta_n = 1 - self.m, self.m
        one_hot = F.one_hot(targets, sim_mat.shape[1]).float()
        s_p = self.s * alpha_p * (sim_mat - delta_p)
        s_n = self.s * alpha_n * (sim_mat - delta_n)
        logits = one_hot * s_p + (1 - one_hot) * s_n
        return F.cross_entropy(logits, targets)
