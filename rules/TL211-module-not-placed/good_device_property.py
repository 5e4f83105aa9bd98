# A module class whose `device` property reads its own parameters: inputs moved to
# `self.device` follow the model wherever it is (on the CPU here), so no move is
# missing. The name of the property decides nothing; what its getter returns does.
import torch
from torch import nn


class Scorer(nn.Module):
    def __init__(self, in_dim):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(in_dim, 64), nn.ReLU(), nn.Linear(64, 1))

    @property
    def device(self):
        return next(self.parameters()).device

    def score(self, features):
        features = features.to(self.device)
        return self(features).squeeze(-1)

    def forward(self, x):
        return self.body(x)


if __name__ == "__main__":
    scorer = Scorer(8)
    print(scorer.score(torch.randn(16, 8)).mean())
