# source: https://github.com/monniert/differentiable-blocksworld/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class, loader-loop
# bug-lines: 31, 32, 38
# cpu: clean
# needs: torch

import torch
import torch.nn as nn


class BlocksWorld(nn.Module):
    """A scene made of n_blocks primitive blocks, each with BNF faces, plus a background."""

    def __init__(self, n_blocks=8, faces_per_block=6, bkg_faces=4, feat_dim=16):
        super().__init__()
        self.n_blocks = n_blocks
        self.BNF = faces_per_block
        self.NFE = bkg_faces
        self.bkg = nn.Parameter(torch.zeros(bkg_faces, feat_dim))
        self.block_feats = nn.Parameter(torch.randn(n_blocks, faces_per_block, feat_dim) * 0.1)
        self.alpha_logit = nn.Parameter(torch.zeros(n_blocks))
        self.head = nn.Linear(feat_dim, 3)

    def get_opacities(self):
        alpha = torch.sigmoid(self.alpha_logit).repeat_interleave(self.BNF)
        return torch.cat([torch.ones(self.NFE, device=alpha.device), alpha])

    def face_ids(self):
        val_blocks = torch.linspace(0, 1, self.n_blocks + 1)[1:]
        values = torch.cat([torch.zeros(self.NFE), val_blocks.repeat_interleave(self.BNF)])
        return values

    def forward(self, pix_to_face):
        feats = torch.cat([self.bkg, self.block_feats.flatten(0, 1)], dim=0)
        opacities = self.get_opacities()
        weighted = feats * (opacities * (1 + self.face_ids())).unsqueeze(-1)
        colors = torch.sigmoid(self.head(weighted))
        return colors[pix_to_face]
