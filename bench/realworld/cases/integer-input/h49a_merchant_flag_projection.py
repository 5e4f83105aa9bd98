# source: https://github.com/pytorch/pytorch/issues/11951
# error: RuntimeError: expected m1 and m2 to have the same dtype, but got: long int != float
# pattern: integer-input
# shape: batch-dict, class, loader-loop
# bug-lines: 33, 45
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fraud scorer that mixes dense transaction features with a projection of binary merchant flags."""
import random

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

MERCHANT_FLAGS = ["high_risk_mcc", "cross_border", "card_not_present", "new_device", "night_hours"]


def make_records(n, seed=3):
    rnd = random.Random(seed)
    records = []
    for _ in range(n):
        records.append({
            "dense": [rnd.gauss(0.0, 1.0) for _ in range(8)],
            "flags": [rnd.randint(0, 1) for _ in MERCHANT_FLAGS],
            "label": float(rnd.random() < 0.05),
        })
    return records


def collate(records):
    return {
        "dense": torch.tensor([r["dense"] for r in records]),
        "flags": torch.tensor([r["flags"] for r in records]),
        "label": torch.tensor([r["label"] for r in records]),
    }


class FlagAwareScorer(nn.Module):
    def __init__(self, n_dense, n_flags, flag_dim=4):
        super().__init__()
        self.flag_proj = nn.Parameter(torch.randn(n_flags, flag_dim) * 0.1)
        self.mlp = nn.Sequential(nn.Linear(n_dense + flag_dim, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, dense, flags):
        flag_emb = torch.matmul(flags, self.flag_proj)
        return self.mlp(torch.cat([dense, flag_emb], dim=1)).squeeze(1)


if __name__ == "__main__":
    loader = DataLoader(make_records(2048), batch_size=128, shuffle=True, collate_fn=collate)
    model = FlagAwareScorer(8, len(MERCHANT_FLAGS))
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(10.0))
    for batch in loader:
        logits = model(batch["dense"], batch["flags"])
        loss = loss_fn(logits, batch["label"])
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("final loss", round(loss.item(), 4))
