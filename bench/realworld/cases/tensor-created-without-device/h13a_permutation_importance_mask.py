# source: https://github.com/meta-pytorch/captum/pull/1245
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 29, 31
# needs: torch
# cpu: no written where torch was not installed; not run
"""Grouped permutation feature importance for a tabular classifier."""
from typing import Dict, List

import torch
import torch.nn as nn


class GroupPermutationImportance:
    def __init__(self, model: nn.Module, n_repeats: int = 5, seed: int = 0):
        self.model = model
        self.n_repeats = n_repeats
        self.generator = torch.Generator().manual_seed(seed)

    @torch.no_grad()
    def _score(self, inputs: torch.Tensor, target: torch.Tensor) -> float:
        logits = self.model(inputs)
        return (logits.argmax(dim=-1) == target).float().mean().item()

    def _permute_group(self, inputs: torch.Tensor, group: List[int]) -> torch.Tensor:
        n_samples, n_features = inputs.shape
        perm = torch.randperm(n_samples, generator=self.generator).to(inputs.device)
        current_mask = torch.zeros(n_features, dtype=torch.bool)
        current_mask[group] = True
        return torch.where(current_mask, inputs[perm], inputs)

    def attribute(self, inputs, target, feature_groups: Dict[str, List[int]]):
        baseline = self._score(inputs, target)
        importances = {}
        for name, group in feature_groups.items():
            drops = []
            for _ in range(self.n_repeats):
                permuted = self._permute_group(inputs, group)
                drops.append(baseline - self._score(permuted, target))
            importances[name] = sum(drops) / len(drops)
        return importances


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = nn.Sequential(nn.Linear(12, 64), nn.ReLU(), nn.Linear(64, 3)).to(device).eval()
    x = torch.randn(512, 12, device=device)
    y = torch.randint(0, 3, (512,), device=device)
    groups = {"vitals": [0, 1, 2, 3], "labs": [4, 5, 6, 7, 8], "demographics": [9, 10, 11]}
    scores = GroupPermutationImportance(model).attribute(x, y, groups)
    for name, value in sorted(scores.items(), key=lambda kv: -kv[1]):
        print(f"{name:>14s}: {value:+.4f}")
