# The per-level heads are slots of a plain list, and the per-level, per-task gates
# slots of a plain list of lists, filled by index: none of them is registered.
from torch import nn


class MultiTaskTower(nn.Module):
    def __init__(self, dim, levels=2, tasks=3):
        super().__init__()
        self.heads = [None] * levels  # expect: TL302:9 lines=12
        self.gates = [[None] * tasks for _ in range(levels)]  # expect: TL302:9 lines=14
        for i in range(levels):
            self.heads[i] = nn.Linear(dim, dim)
            for j in range(tasks):
                self.gates[i][j] = nn.Sequential(nn.Linear(dim, 2), nn.Softmax(dim=-1))

    def forward(self, x):
        for i, head in enumerate(self.heads):
            x = head(x) * self.gates[i][0](x)[:, :1]
        return x
