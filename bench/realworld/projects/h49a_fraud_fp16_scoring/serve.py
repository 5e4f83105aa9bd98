# source: https://github.com/PriorLabs/TabPFN/issues/284
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::Half
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 45
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Micro-batch scoring loop: pull pending transactions, score them, flag the risky ones."""
import numpy as np
import torch

from features import NUMERIC_COLUMNS, to_batch
from model import load_scorer

THRESHOLD = 0.85


def pending_transactions(n, seed=11):
    rng = np.random.default_rng(seed)
    for _ in range(n):
        rec = {c: float(rng.normal()) for c in NUMERIC_COLUMNS}
        rec["merchant_type"] = int(rng.integers(0, 32))
        yield rec


def micro_batches(stream, size=256):
    batch = []
    for rec in stream:
        batch.append(rec)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@torch.no_grad()
def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    stats = {"mean": np.zeros(len(NUMERIC_COLUMNS), np.float32), "std": np.ones(len(NUMERIC_COLUMNS), np.float32)}
    model = load_scorer("txn_encoder.pt", len(NUMERIC_COLUMNS), device)
    flagged = 0
    for records in micro_batches(pending_transactions(2000)):
        batch = to_batch(records, stats, device)
        probs = torch.sigmoid(model(batch["numeric"], batch["merchant_type"]))
        flagged += int((probs > THRESHOLD).sum())
    print(f"flagged {flagged} transactions for review")


if __name__ == "__main__":
    main()
