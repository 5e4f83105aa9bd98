# source: https://github.com/lanyunshi/Multi-hopComplexKBQA/issues/25
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-type-cast
# shape: class, helper, batch-dict, loader-loop
# bug-lines: 42
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class SelfAttention(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads, self.head_dim = heads, hidden // heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)

    def forward(self, x, mask_bias):
        b, t, _ = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.head_dim)
        scores = scores + mask_bias
        ctx = scores.softmax(-1) @ v
        return self.out(ctx.transpose(1, 2).reshape(b, t, -1))


class CrossEncoderRanker(nn.Module):
    def __init__(self, vocab_size=30522, hidden=256, heads=4, layers=2, pad_id=0):
        super().__init__()
        self.pad_id = pad_id
        self.embed = nn.Embedding(vocab_size, hidden, padding_idx=pad_id)
        self.layers = nn.ModuleList(SelfAttention(hidden, heads) for _ in range(layers))
        self.score = nn.Linear(hidden, 1)

    def forward(self, pair_ids):
        b, n_cand, seq = pair_ids.shape
        flat = pair_ids.view(b * n_cand, seq)
        pad_mask = torch.eq(flat, self.pad_id).type(torch.FloatTensor)
        mask_bias = pad_mask[:, None, None, :] * -1e4
        h = self.embed(flat)
        for layer in self.layers:
            h = h + layer(h, mask_bias)
        return self.score(h[:, 0]).view(b, n_cand)


def rerank_batch(model, batch, device):
    pair_ids = batch["pair_ids"].to(device)
    logits = model(pair_ids)
    return logits.argmax(dim=-1).cpu(), batch["gold"]


@torch.no_grad()
def evaluate(model, dataset, device):
    model.eval()
    hits, total = 0, 0
    for batch in DataLoader(dataset, batch_size=8):
        pred, gold = rerank_batch(model, batch, device)
        hits += (pred == gold).sum().item()
        total += gold.numel()
    return hits / max(total, 1)


if __name__ == "__main__":
    device = torch.device("cuda:0")
    model = CrossEncoderRanker().to(device)
    data = [{"pair_ids": torch.randint(1, 30522, (5, 32)).masked_fill(torch.rand(5, 32) > 0.8, 0),
             "gold": torch.tensor(0)} for _ in range(40)]
    print("hit@1", evaluate(model, data, device))
