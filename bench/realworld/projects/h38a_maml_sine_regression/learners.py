# source: https://github.com/deepchem/deepchem/pull/4738
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, class, helper
# bug-lines: 45
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn.functional as F


class SineLearner:
    """Regression learner for the sinusoid meta-learning benchmark."""

    def __init__(self, hidden=40, batch_size=10, seed=0):
        self.batch_size = batch_size
        self.rng = np.random.default_rng(seed)
        self.w1 = torch.randn(1, hidden) * 0.1
        self.b1 = torch.zeros(hidden)
        self.w2 = torch.randn(hidden, hidden) * 0.1
        self.b2 = torch.zeros(hidden)
        self.w3 = torch.randn(hidden, 1) * 0.1
        self.b3 = torch.zeros(1)
        self.select_task()

    @property
    def variables(self):
        return [self.w1, self.b1, self.w2, self.b2, self.w3, self.b3]

    def compute_model(self, inputs, variables):
        x, y = inputs
        w1, b1, w2, b2, w3, b3 = variables
        h = F.relu(x @ w1 + b1)
        h = F.relu(h @ w2 + b2)
        return F.mse_loss(h @ w3 + b3, y)

    def select_task(self):
        self.amplitude = self.rng.uniform(0.1, 5.0)
        self.phase = self.rng.uniform(0.0, np.pi)

    def get_batch(self):
        x = self.rng.uniform(-5.0, 5.0, size=(self.batch_size, 1)).astype(np.float32)
        y = (self.amplitude * np.sin(x + self.phase)).astype(np.float32)
        return torch.tensor(x), torch.tensor(y)
