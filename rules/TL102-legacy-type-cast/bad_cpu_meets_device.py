# The position features are built on the CPU and "cast" with a legacy CPU type: it
# moves nothing, and nothing else moves them either, so the concatenation with the
# features on the model's device fails. Reported at the cast, where `.to(device=...,
# dtype=...)` would say where the tensor must go.
import torch
from torch import nn


class PositionTagger(nn.Module):
    def __init__(self, dim, tags):
        super().__init__()
        self.proj = nn.Linear(dim + 1, tags)

    def forward(self, feats, lengths):
        rows = [[i / n for i in range(feats.shape[1])] for n in lengths.tolist()]
        pos = torch.tensor(rows).unsqueeze(2)
        pos = pos.type(torch.FloatTensor)  # expect: TL102:19
        return self.proj(torch.cat([feats, pos], dim=2))


def main(device):
    model = PositionTagger(32, 5).to(device)
    feats = torch.randn(4, 10, 32, device=device)
    return model(feats, torch.tensor([10, 8, 7, 3]))
