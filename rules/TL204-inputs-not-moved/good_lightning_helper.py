import lightning as L
import torch
from torch import nn

VOCAB = "acgt"


def encode(reads, device, length=128):
    ids = torch.zeros(len(reads), length, dtype=torch.long, device=device)
    for row, read in enumerate(reads):
        codes = [VOCAB.index(base) + 1 for base in read[:length]]
        ids[row, : len(codes)] = torch.tensor(codes, device=device)
    return ids


class ReadEmbedder(L.LightningModule):
    def __init__(self, dim=32):
        super().__init__()
        self.embed = nn.Embedding(len(VOCAB) + 1, dim)

    def training_step(self, batch, batch_idx):
        ids = encode(batch["reads"], self.device)
        vectors = self.embed(ids)
        return vectors.pow(2).mean()
