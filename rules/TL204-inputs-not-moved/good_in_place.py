# The same in-place operators on tensors made where the batch is, and on a plain
# Python number that the first output turns into a tensor on the device.
import torch
import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self, vocab=100, dim=16):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.out = nn.Linear(dim, 2)

    def forward(self, ids):
        return self.out(self.emb(ids))

    def keep(self, ids, pad=0):
        keep = torch.ones(ids.shape, dtype=torch.bool, device=ids.device)
        keep &= ids != pad
        return keep


def embed_all(batches, device):
    model = Tagger().to(device)
    total = 0.0
    seen = torch.zeros(2, device=device)
    for ids in batches:
        ids = ids.to(device)
        seen += model(ids).sum(dim=(0, 1))
        total += model.keep(ids).sum()
    return total, seen


if __name__ == "__main__":
    embed_all([torch.randint(0, 100, (4, 12))], torch.device("cuda"))
