# The per-level heads and gates are filled by index into plain lists, then wrapped
# in nn.ModuleList (of nn.ModuleLists), which registers them.
from torch import nn


class MultiTaskTower(nn.Module):
    def __init__(self, dim, levels=2, tasks=3):
        super().__init__()
        heads = [None] * levels
        self.gates = [[None] * tasks for _ in range(levels)]
        for i in range(levels):
            heads[i] = nn.Linear(dim, dim)
            for j in range(tasks):
                self.gates[i][j] = nn.Sequential(nn.Linear(dim, 2), nn.Softmax(dim=-1))
            self.gates[i] = nn.ModuleList(self.gates[i])
        self.heads = nn.ModuleList(heads)
        self.gates = nn.ModuleList(self.gates)

    def forward(self, x):
        for i, head in enumerate(self.heads):
            x = head(x) * self.gates[i][0](x)[:, :1]
        return x
