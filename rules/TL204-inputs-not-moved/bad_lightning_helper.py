# A step hook runs with the module and the batch on the trainer's device; a helper of
# the file it calls builds the token ids on the CPU.
import lightning as L
import torch
from torch import nn

VOCAB = "acgt"


def encode(reads, length=128):
    ids = torch.zeros(len(reads), length, dtype=torch.long)
    for row, read in enumerate(reads):
        codes = [VOCAB.index(base) + 1 for base in read[:length]]
        ids[row, : len(codes)] = torch.tensor(codes)
    return ids


class ReadEmbedder(L.LightningModule):
    def __init__(self, dim=32):
        super().__init__()
        self.embed = nn.Embedding(len(VOCAB) + 1, dim)

    def training_step(self, batch, batch_idx):
        ids = encode(batch["reads"])
        vectors = self.embed(ids)  # expect: TL204:30 lines=11,23
        return vectors.pow(2).mean()
