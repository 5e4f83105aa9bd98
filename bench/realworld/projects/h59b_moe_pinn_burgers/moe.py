# source: https://github.com/Photon-AI-Research/NeuralSolvers/issues/66
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# bug-lines: 41
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class Expert(nn.Module):
    def __init__(self, in_dim, out_dim, width, depth):
        super().__init__()
        layers, d = [], in_dim
        for _ in range(depth):
            layers += [nn.Linear(d, width), nn.Tanh()]
            d = width
        layers.append(nn.Linear(d, out_dim))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


class SparseDispatcher:
    def __init__(self, num_experts, gates):
        self.gates = gates
        nonzero = torch.nonzero(gates)
        order = nonzero[:, 1].argsort()
        self.batch_index = nonzero[order, 0]
        self.expert_index = nonzero[order, 1]
        self.part_sizes = (gates > 0).sum(0).tolist()
        self.nonzero_gates = gates[self.batch_index, self.expert_index].unsqueeze(1)

    def dispatch(self, x):
        return torch.split(x[self.batch_index], self.part_sizes, dim=0)

    def combine(self, expert_out):
        stitched = torch.cat(expert_out, 0) * self.nonzero_gates
        zeros = torch.zeros(self.gates.size(0), stitched.size(1), requires_grad=True).cuda()
        return zeros.index_add(0, self.batch_index, stitched)


class MoEPINN(nn.Module):
    """Sparsely gated mixture of MLP experts; the domain is normalised with lb/ub."""

    def __init__(self, lb, ub, in_dim=2, out_dim=1, num_experts=4, width=64, depth=4, k=1):
        super().__init__()
        self.k = k
        self.register_buffer("lb", torch.as_tensor(lb, dtype=torch.float32))
        self.register_buffer("ub", torch.as_tensor(ub, dtype=torch.float32))
        self.experts = nn.ModuleList([Expert(in_dim, out_dim, width, depth) for _ in range(num_experts)])
        self.w_gate = nn.Parameter(torch.zeros(in_dim, num_experts))

    def gating(self, x):
        logits = x @ self.w_gate
        top_vals, top_idx = logits.topk(self.k, dim=1)
        gates = torch.zeros_like(logits).scatter(1, top_idx, torch.softmax(top_vals, dim=1))
        importance = gates.sum(0)
        return gates, importance.var() / (importance.mean() ** 2 + 1e-10)

    def forward(self, x):
        x = 2.0 * (x - self.lb) / (self.ub - self.lb) - 1.0
        gates, balance_loss = self.gating(x)
        dispatcher = SparseDispatcher(len(self.experts), gates)
        inputs = dispatcher.dispatch(x)
        outputs = [expert(inp) for expert, inp in zip(self.experts, inputs)]
        return dispatcher.combine(outputs), balance_loss
