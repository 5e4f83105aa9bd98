# source: https://github.com/lucidrains/byol-pytorch/pull/30
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""BYOL wrapper: online/target encoders with projector and predictor heads."""
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F


def mlp(dim_in, dim_out, hidden=4096):
    return nn.Sequential(
        nn.Linear(dim_in, hidden), nn.BatchNorm1d(hidden), nn.ReLU(inplace=True), nn.Linear(hidden, dim_out)
    )


def byol_loss(p, z):
    return 2 - 2 * F.cosine_similarity(p, z.detach(), dim=-1)


class BYOLLearner(nn.Module):
    def __init__(self, backbone, feat_dim, proj_dim=256, tau=0.996):
        super().__init__()
        self.online_encoder = backbone
        self.online_projector = mlp(feat_dim, proj_dim)
        self.online_predictor = mlp(proj_dim, proj_dim)
        self.target_encoder = copy.deepcopy(backbone)
        self.target_projector = copy.deepcopy(self.online_projector)
        for p in list(self.target_encoder.parameters()) + list(self.target_projector.parameters()):
            p.requires_grad = False
        self.tau = tau

    @torch.no_grad()
    def update_target(self):
        pairs = [(self.online_encoder, self.target_encoder), (self.online_projector, self.target_projector)]
        for online, target in pairs:
            for po, pt in zip(online.parameters(), target.parameters()):
                pt.mul_(self.tau).add_(po.detach(), alpha=1 - self.tau)

    def forward(self, view1, view2):
        p1 = self.online_predictor(self.online_projector(self.online_encoder(view1)))
        p2 = self.online_predictor(self.online_projector(self.online_encoder(view2)))
        with torch.no_grad():
            z1 = self.target_projector(self.target_encoder(view1))
            z2 = self.target_projector(self.target_encoder(view2))
        return (byol_loss(p1, z2) + byol_loss(p2, z1)).mean()
