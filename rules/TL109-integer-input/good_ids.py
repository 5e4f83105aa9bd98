import torch
from torch import nn


class TokenTagger(nn.Module):
    def __init__(self, vocab=100, dim=16, tags=5):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.head = nn.Linear(dim, tags)

    def forward(self, ids):
        # int64 ids into an embedding: looked up, not multiplied
        return self.head(self.embed(ids))


def smoke_test(device):
    model = TokenTagger().to(device)
    ids = torch.randint(0, 100, (2, 7), device=device)
    return model(ids)


def flags_as_features(device):
    # the flags are converted before the Linear sees them
    flags = torch.randint(0, 2, (4, 8), device=device).float()
    return nn.Linear(8, 1).to(device)(flags)


def bucket_lookup(scores):
    table = nn.Embedding(11, 4)
    return table((scores * 10).long())
