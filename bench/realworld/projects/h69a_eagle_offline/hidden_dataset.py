# source: https://github.com/Tencent/AngelSlim/issues/147
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: c10::BFloat16 != c10::Half
# pattern: input-dtype-mismatch
# shape: multi-file, helper, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Reads the hidden states dumped by generate_hidden_for_draft_model.py (bf16 target)."""
import glob

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import Dataset


class OfflineHiddenDataset(Dataset):
    def __init__(self, data_dir):
        self.files = sorted(glob.glob(f"{data_dir}/*.ckpt"))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, idx):
        # keys: input_ids (N,), loss_mask (N,), hidden_states (N, 3D), target_hiddens (N, D)
        return torch.load(self.files[idx], map_location="cpu")


def collate_hidden(batch):
    out = {}
    for key in ("input_ids", "loss_mask", "hidden_states", "target_hiddens"):
        out[key] = pad_sequence([b[key] for b in batch], batch_first=True)
    out["attention_mask"] = pad_sequence(
        [torch.ones_like(b["input_ids"]) for b in batch], batch_first=True)
    return out
