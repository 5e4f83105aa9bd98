# A part of the placed model, an instance of a class of this file, rebuilds its own
# layer in one of its methods: called after the move, the new layer stays on the CPU.
import torch
from torch import nn


class GrowingVocab(nn.Module):
    def __init__(self, size, dim):
        super().__init__()
        self.dim = dim
        self.table = nn.Embedding(size, dim)

    def add_tokens(self, extra):
        kept = self.table.weight.detach().clone()
        self.table = nn.Embedding(kept.shape[0] + extra, self.dim)
        with torch.no_grad():
            self.table.weight[: kept.shape[0]] = kept

    def forward(self, ids):
        return self.table(ids)


class Tagger(nn.Module):
    def __init__(self, size, dim=64, tags=9):
        super().__init__()
        self.vocab = GrowingVocab(size, dim)
        self.out = nn.Linear(dim, tags)

    def forward(self, ids):
        return self.out(self.vocab(ids))


device = torch.device("cuda")
tagger = Tagger(5000)
tagger.to(device)
tagger.vocab.add_tokens(12)  # expect: TL202:1 lines=15,35
print(tagger(torch.randint(0, 5012, (2, 7), device=device)).shape)
