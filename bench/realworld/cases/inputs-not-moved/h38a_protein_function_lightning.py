# source: https://github.com/ISYSLAB-HUST/ProtFlash/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: class, batch-dict, helper
# bug-lines: 46, 47
# needs: torch, pytorch_lightning
# cpu: no written where torch was not installed; not run
import pytorch_lightning as pl
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader

ALPHABET = "ACDEFGHIKLMNPQRSTVWY"
PAD = 0


def batch_converter(sequences, max_len=512):
    """Turn raw amino-acid strings into a padded token tensor."""
    length = min(max(len(s) for s in sequences), max_len)
    tokens = torch.full((len(sequences), length), PAD, dtype=torch.long)
    for i, seq in enumerate(sequences):
        ids = [ALPHABET.find(a) + 1 for a in seq[:length]]
        tokens[i, : len(ids)] = torch.tensor(ids)
    return tokens


class ProteinEncoder(nn.Module):
    def __init__(self, dim=256):
        super().__init__()
        self.embed = nn.Embedding(len(ALPHABET) + 1, dim, padding_idx=PAD)
        self.proj = nn.Linear(dim, dim)

    def forward(self, tokens):
        return torch.tanh(self.proj(self.embed(tokens))).mean(dim=1)


class FunctionPredictor(pl.LightningModule):
    def __init__(self, n_terms=128):
        super().__init__()
        self.encoder = ProteinEncoder()
        self.head = nn.Linear(256, n_terms)

    def training_step(self, batch, batch_idx):
        # the collate keeps raw strings, so tokens are built here
        batch_token = batch_converter(batch["sequence"])
        logits = self.head(self.encoder(batch_token))
        loss = F.binary_cross_entropy_with_logits(logits, batch["labels"])
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=3e-4)


def collate(items):
    return {
        "sequence": [it["sequence"] for it in items],
        "labels": torch.stack([it["labels"] for it in items]),
    }


def load_records(n=64, n_terms=128):
    records = []
    for i in range(n):
        seq = ALPHABET * (1 + i % 5)
        labels = (torch.rand(n_terms) > 0.95).float()
        records.append({"sequence": seq, "labels": labels})
    return records


if __name__ == "__main__":
    loader = DataLoader(load_records(), batch_size=8, collate_fn=collate)
    trainer = pl.Trainer(accelerator="gpu", devices=1, max_epochs=2)
    trainer.fit(FunctionPredictor(), loader)
