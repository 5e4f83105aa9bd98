# source: https://github.com/ogchen/nanofold/pull/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Input embedder and a light structure module predicting backbone frames."""
import torch
import torch.nn as nn


class InputEmbedding(nn.Module):
    def __init__(self, target_dim, pair_dim, bins=32):
        super().__init__()
        self.bins = bins
        self.left = nn.Linear(target_dim, pair_dim)
        self.right = nn.Linear(target_dim, pair_dim)
        self.relpos = nn.Linear(2 * bins + 1, pair_dim)

    @classmethod
    def from_config(cls, config):
        return cls(config.getint("General", "target_dim"), config.getint("General", "pair_dim"))

    def forward(self, target_feat, positions):
        a, b = self.left(target_feat), self.right(target_feat)
        pair = a.unsqueeze(-2) + b.unsqueeze(-3)
        d = positions.unsqueeze(-1) - positions.unsqueeze(-2)
        d = torch.clamp(d, -self.bins, self.bins) + self.bins
        onehot = nn.functional.one_hot(d.long(), 2 * self.bins + 1).float()
        return pair + self.relpos(onehot)


class StructureModule(nn.Module):
    def __init__(self, single_dim, pair_dim, n_layers=4):
        super().__init__()
        self.pair_norm = nn.LayerNorm(pair_dim)
        self.pair_to_single = nn.Linear(pair_dim, single_dim)
        self.layers = nn.ModuleList(nn.Linear(single_dim, single_dim) for _ in range(n_layers))
        self.to_trans = nn.Linear(single_dim, 3)

    def forward(self, single, pair, translations):
        single = single + self.pair_to_single(self.pair_norm(pair)).mean(dim=-2)
        for layer in self.layers:
            single = single + torch.relu(layer(single))
        pred = self.to_trans(single)
        loss = torch.sqrt(((pred - translations) ** 2).sum(-1) + 1e-8).clamp(max=10.0).mean()
        return pred, loss
