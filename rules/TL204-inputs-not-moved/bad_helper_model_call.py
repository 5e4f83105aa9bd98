import torch
from torch import nn


class ScoreNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embed = nn.Linear(8, 32)
        self.score = nn.Linear(32, 1)

    def forward(self, features):
        return self.score(torch.tanh(self.embed(features)))


class Ranker:
    def __init__(self) -> None:
        self.device = torch.device("cuda")
        self.net = ScoreNet().to(self.device)

    def rank(self, rows):
        feats = torch.tensor(rows, dtype=torch.float32)
        # The message names the model the helper calls (line 27), not its layer.
        return self._scores(feats).argsort(descending=True)  # expect: TL204:29 lines=21,27,18

    @torch.no_grad()
    def _scores(self, feats):
        return self.net(feats).squeeze(-1)
