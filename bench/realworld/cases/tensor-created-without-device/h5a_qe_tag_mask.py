# source: https://github.com/Unbabel/OpenKiwi/pull/44
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, batch-dict
# bug-lines: 31
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

PAD_ID = 0
UNK_ID = 1


class WordQualityEstimator(nn.Module):
    """Predicts OK/BAD tags for each target word."""

    def __init__(self, vocab_size=1000, emb=32, hidden=64):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, emb, padding_idx=PAD_ID)
        self.rnn = nn.GRU(emb, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, 2)

    def forward(self, batch):
        h, _ = self.rnn(self.emb(batch["target"]))
        return self.out(h)

    def get_mask(self, batch, ignore_unknown=True):
        target = batch["target"]
        mask = torch.ones(target.shape, dtype=torch.bool)
        mask &= target != PAD_ID
        if ignore_unknown:
            mask &= target != UNK_ID
        return mask

    def loss(self, batch):
        logits = self(batch)
        mask = self.get_mask(batch)
        return F.cross_entropy(logits[mask], batch["tags"][mask])


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = WordQualityEstimator().to(device)
    batch = {"target": torch.randint(0, 1000, (4, 12)), "tags": torch.randint(0, 2, (4, 12))}
    batch = {k: v.to(device) for k, v in batch.items()}
    print(model.loss(batch).item())
