# source: https://github.com/PriorLabs/TabPFN/issues/284
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::Half
# pattern: input-dtype-mismatch
# shape: multi-file, helper
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Feature assembly for incoming card transactions."""
import numpy as np
import torch

NUMERIC_COLUMNS = ["amount", "log_amount", "hour_sin", "hour_cos", "txn_1h", "txn_24h",
                   "amount_zscore", "dist_home_km", "is_foreign", "card_age_days"]


def standardize(values, means, stds):
    return (values - means) / np.maximum(stds, 1e-6)


def to_batch(records, stats, device):
    numeric = np.array([[r[c] for c in NUMERIC_COLUMNS] for r in records], dtype=np.float32)
    numeric = standardize(numeric, stats["mean"], stats["std"]).astype(np.float32)
    merchant = np.array([r["merchant_type"] for r in records], dtype=np.int64)
    return {
        "numeric": torch.from_numpy(numeric).to(device),
        "merchant_type": torch.from_numpy(merchant).to(device),
    }
