# source: https://github.com/LianpoWang/SLIIF/issues/13
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Building blocks for a local implicit image function decoder."""
import torch
import torch.nn as nn


class ResMLP(nn.Module):
    """MLP whose hidden activations are shifted by a shared coordinate embedding."""

    def __init__(self, in_dim, out_dim, hidden_list, coord_dim=16):
        super().__init__()
        self.layers = nn.ModuleList()
        last = in_dim
        for _ in hidden_list:
            self.layers.append(nn.Linear(last, coord_dim))
            last = coord_dim
        self.linear_out = nn.Linear(last, out_dim)
        self.act = nn.ReLU()

    def forward(self, feat, coord_emb):
        out = feat.view(-1, feat.shape[-1])
        for layer in self.layers:
            out = self.act(layer(out)) + coord_emb
        return self.linear_out(out)


class CoordMLP(nn.Module):
    def __init__(self, in_dim, out_dim, hidden_list):
        super().__init__()
        layers, last = [], in_dim
        for hidden in hidden_list:
            layers += [nn.Linear(last, hidden), nn.ReLU()]
            last = hidden
        layers.append(nn.Linear(last, out_dim))
        self.net = nn.Sequential(*layers)

    def forward(self, rel_coord):
        return self.net(rel_coord.view(-1, rel_coord.shape[-1]))


class ExpansionNet(nn.Module):
    """Predicts per-query mixing scores over the expert MLPs."""

    def __init__(self, in_dim, n_experts, hidden_list):
        super().__init__()
        layers, last = [], in_dim
        for hidden in hidden_list:
            layers += [nn.Linear(last, hidden), nn.ReLU()]
            last = hidden
        layers.append(nn.Linear(last, n_experts))
        self.net = nn.Sequential(*layers)

    def forward(self, feat):
        logits = self.net(feat.view(-1, feat.shape[-1]))
        return nn.functional.normalize(logits, dim=1)
