# source: https://github.com/thu-ml/tianshou/issues/65
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: multi-file, class
# bug-lines: 21, 39
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Reservoir-sampling rehearsal memory for experience replay in continual learning."""
import numpy as np
import torch


class ReservoirBuffer:
    def __init__(self, capacity, feat_dim, seed=0):
        self.capacity = capacity
        self.feat_dim = feat_dim
        self.seen = 0
        self.size = 0
        self.rng = np.random.default_rng(seed)
        # flat feature vectors and their class labels
        self.x = np.zeros((capacity, feat_dim))
        self.y = np.zeros(capacity, dtype=np.int64)

    def add(self, xb, yb):
        xb, yb = xb.detach().cpu().numpy(), yb.detach().cpu().numpy()
        for x, y in zip(xb, yb):
            if self.size < self.capacity:
                slot = self.size
                self.size += 1
            else:
                slot = self.rng.integers(0, self.seen + 1)
            self.seen += 1
            if slot < self.capacity:
                self.x[slot] = x
                self.y[slot] = y

    def sample(self, batch_size):
        idx = self.rng.choice(self.size, min(batch_size, self.size), replace=False)
        return torch.from_numpy(self.x[idx]), torch.from_numpy(self.y[idx])

    def __len__(self):
        return self.size
