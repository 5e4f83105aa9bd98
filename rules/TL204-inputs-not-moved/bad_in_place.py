# In-place operators meet their operands as the binary ones do: a mask started on
# the CPU and narrowed with comparisons of the moved batch, and a running sum
# started on the CPU that collects the model's outputs.
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
        keep = torch.ones(ids.shape, dtype=torch.bool)  # expect: TL204:16 lines=27,19
        keep &= ids != pad
        return keep


def embed_all(batches, device):
    model = Tagger().to(device)
    total = torch.zeros(2)  # expect: TL204:13 lines=24,28
    for ids in batches:
        ids = ids.to(device)
        total += model(ids).sum(dim=(0, 1))
        print(model.keep(ids).sum())
    return total


if __name__ == "__main__":
    embed_all([torch.randint(0, 100, (4, 12))], torch.device("cuda"))
