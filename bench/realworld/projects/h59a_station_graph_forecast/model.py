# source: https://github.com/benedekrozemberczki/pytorch_geometric_temporal/pull/180
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class, batch-dict
# bug-lines: 30, 31
# needs: torch
# cpu: no written where torch was not installed; not run
"""Graph-recurrent forecaster for multi-variable weather-station networks."""
import torch
import torch.nn as nn


class GraphGRUCell(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.gates = nn.Linear(2 * hidden, 2 * hidden)
        self.cand = nn.Linear(2 * hidden, hidden)

    def forward(self, x, h, adj_norm):
        msg = torch.einsum("nm,bmh->bnh", adj_norm, h)
        z, r = torch.sigmoid(self.gates(torch.cat([x, msg], -1))).chunk(2, dim=-1)
        c = torch.tanh(self.cand(torch.cat([x, r * msg], -1)))
        return (1 - z) * h + z * c


class MultiVarStationForecaster(nn.Module):
    def __init__(self, variables, hidden=64, horizon=6):
        super().__init__()
        self.variables = list(variables)
        self.encoders = {v: nn.Linear(1, hidden) for v in self.variables}
        self.heads = {v: nn.Linear(hidden, horizon) for v in self.variables}
        self.mix = nn.Linear(len(self.variables) * hidden, hidden)
        self.cell = GraphGRUCell(hidden)
        self.hidden = hidden

    def forward(self, batch, adj_norm):
        # batch[v]: [B, N, T] history of variable v at each station
        ref = batch[self.variables[0]]
        b, n, t_len = ref.shape
        h = ref.new_zeros(b, n, self.hidden)
        for t in range(t_len):
            per_var = [self.encoders[v](batch[v][..., t:t + 1]) for v in self.variables]
            x_t = torch.relu(self.mix(torch.cat(per_var, dim=-1)))
            h = self.cell(x_t, h, adj_norm)
        return {v: self.heads[v](h) for v in self.variables}
