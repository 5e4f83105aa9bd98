# source: https://github.com/kitzeslab/opensoundscape/issues/438
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop
# bug-lines: 25
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Loss functions for the multi-label bird call detector."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class FrequencyWeightedBCE(nn.Module):
    """BCE-with-logits that up-weights rare species.

    ``label_matrix`` is the (n_clips, n_species) 0/1 matrix of the training set.
    """

    def __init__(self, label_matrix, max_weight=50.0):
        super().__init__()
        counts = np.asarray(label_matrix, dtype=np.float32).sum(axis=0)
        negatives = len(label_matrix) - counts
        self.pos_weight = torch.from_numpy(negatives / np.maximum(counts, 1.0)).clamp(max=max_weight)
        self.max_weight = max_weight

    def forward(self, logits, targets):
        return F.binary_cross_entropy_with_logits(
            logits, targets, pos_weight=self.pos_weight, reduction="mean"
        )

    def extra_repr(self):
        return f"n_species={self.pos_weight.numel()}, max_weight={self.max_weight}"
