# source: https://github.com/GestaltCogTeam/BasicTS/issues/202
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# bug-lines: 23, 25
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


class PatchMasker:
    """Random patch masking for masked-autoencoder pretraining of series."""

    def __init__(self, mask_ratio=0.25, seed=None):
        self.mask_ratio = mask_ratio
        self.seed = seed

    def _num_masked(self, num_patches):
        return int(num_patches * self.mask_ratio)

    def __call__(self, num_nodes, num_patches):
        n_mask = self._num_masked(num_patches)
        scores = torch.rand(num_nodes, num_patches)
        order = scores.argsort(dim=-1)
        keep = torch.ones(num_nodes, num_patches)
        keep.scatter_(1, order[:, :n_mask], 0.0)
        return keep
