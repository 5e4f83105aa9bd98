# source: https://github.com/chrhenning/hypnettorch/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""A tiny hypernetwork (task-conditioned) and a weightless main MLP."""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class MainMLP(nn.Module):
    """Main network without own weights: weights are supplied by a hypernetwork."""

    def __init__(self, n_in, n_out, hidden=(10, 10)):
        super().__init__()
        dims = [n_in, *hidden, n_out]
        self.param_shapes = []
        for a, b in zip(dims[:-1], dims[1:]):
            self.param_shapes += [[b, a], [b]]
        self.register_buffer("dummy", torch.zeros(1))

    def forward(self, x, weights):
        h = x
        n_layers = len(weights) // 2
        for i in range(n_layers):
            h = F.linear(h, weights[2 * i], weights[2 * i + 1])
            if i < n_layers - 1:
                h = torch.relu(h)
        return h


class HMLP(nn.Module):
    """Produces all main-network weights from a learned task embedding."""

    def __init__(self, target_shapes, num_cond_embs=2, cond_dim=8, layers=(100, 100)):
        super().__init__()
        self.target_shapes = target_shapes
        self.num_outputs = sum(math.prod(s) for s in target_shapes)
        self.cond_embs = nn.Parameter(torch.randn(num_cond_embs, cond_dim))
        dims = [cond_dim, *layers]
        self.body = nn.Sequential(*[m for a, b in zip(dims[:-1], dims[1:])
                                    for m in (nn.Linear(a, b), nn.ReLU())])
        self.out = nn.Linear(dims[-1], self.num_outputs)

    def forward(self, cond_id):
        flat = self.out(self.body(self.cond_embs[cond_id]))
        weights, offset = [], 0
        for shape in self.target_shapes:
            n = math.prod(shape)
            weights.append(flat[offset:offset + n].view(*shape))
            offset += n
        return weights
