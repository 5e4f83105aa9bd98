# source: https://github.com/DanielAvdar/tabnet/pull/278
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 28, 35
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch import nn


def create_group_matrix(feature_groups, n_features):
    """Rows are attention groups; features not listed get a singleton group."""
    grouped = {f for g in feature_groups for f in g}
    groups = list(feature_groups) + [[f] for f in range(n_features) if f not in grouped]
    matrix = torch.zeros(len(groups), n_features)
    for row, group in enumerate(groups):
        matrix[row, group] = 1.0 / len(group)
    return matrix


class RandomObfuscator(nn.Module):
    """Masks whole feature groups for self-supervised reconstruction."""

    def __init__(self, pretraining_ratio, group_matrix):
        super().__init__()
        self.pretraining_ratio = pretraining_ratio
        self.group_matrix = (group_matrix > 0) + 0.0
        self.num_groups = group_matrix.shape[0]

    def forward(self, x):
        bs = x.shape[0]
        probs = self.pretraining_ratio * torch.ones((bs, self.num_groups), device=x.device)
        obfuscated_groups = torch.bernoulli(probs)
        obfuscated_vars = torch.matmul(obfuscated_groups, self.group_matrix)
        masked_input = torch.mul(1 - obfuscated_vars, x)
        return masked_input, obfuscated_groups, obfuscated_vars


class TabularPretrainer(nn.Module):
    def __init__(self, n_features, group_matrix, n_hidden=64, pretraining_ratio=0.2):
        super().__init__()
        self.obfuscator = RandomObfuscator(pretraining_ratio, group_matrix)
        self.encoder = nn.Sequential(nn.Linear(n_features, n_hidden), nn.BatchNorm1d(n_hidden), nn.ReLU(),
                                     nn.Linear(n_hidden, n_hidden), nn.ReLU())
        self.decoder = nn.Linear(n_hidden, n_features)

    def forward(self, x):
        masked, _, obf_vars = self.obfuscator(x)
        return self.decoder(self.encoder(masked)), obf_vars
