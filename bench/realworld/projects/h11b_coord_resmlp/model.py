# source: https://github.com/LianpoWang/SLIIF/issues/13
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 21
# needs: torch
# cpu: no written where torch was not installed; not run
"""Mixture of residual MLP experts queried at continuous coordinates."""
import torch
import torch.nn as nn

from modules import CoordMLP, ExpansionNet, ResMLP


class ResMLPMixture(nn.Module):
    def __init__(self, in_dim=580, out_dim=3, hidden_list=(256, 256, 256),
                 coord_hidden_list=(16, 16, 16), n_experts=10):
        super().__init__()
        self.n_experts = n_experts
        # one expert per frequency band of the local feature
        self.experts = [ResMLP(in_dim, out_dim, coord_hidden_list) for _ in range(n_experts)]
        self.coord_mlp = CoordMLP(2, 16, hidden_list)
        self.expansion = ExpansionNet(in_dim, n_experts, hidden_list)

    def forward(self, feat, rel_coord):
        scores = self.expansion(feat)                       # (N, n_experts)
        coord_emb = self.coord_mlp(rel_coord)               # (N, 16)
        outs = torch.stack([expert(feat, coord_emb) for expert in self.experts], dim=1)
        return (scores.unsqueeze(-1) * outs).sum(dim=1)     # (N, out_dim)
