# source: https://github.com/yuhuixu1993/qa-lora/issues/10
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and BFloat16
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop, helper
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import Dataset


class DistillShardDataset(Dataset):
    """Token windows plus teacher hidden states dumped offline as float32 .npy shards."""

    def __init__(self, token_ids, teacher_states):
        self.tokens = token_ids        # int64 [N, seq_len + 1]
        self.teacher = teacher_states  # float32 [N, seq_len, teacher_dim]

    def __len__(self):
        return len(self.tokens)

    def __getitem__(self, i):
        window = torch.from_numpy(self.tokens[i])
        return {
            "input_ids": window[:-1],
            "labels": window[1:],
            "teacher_hidden": torch.from_numpy(self.teacher[i]),
        }


def load_shards(token_path=None, teacher_path=None, n=64, seq_len=128, vocab=32000, teacher_dim=1024):
    if token_path and teacher_path:
        return DistillShardDataset(np.load(token_path), np.load(teacher_path, mmap_mode="r"))
    rng = np.random.default_rng(0)
    tokens = rng.integers(0, vocab, size=(n, seq_len + 1), dtype=np.int64)
    teacher = rng.standard_normal((n, seq_len, teacher_dim), dtype=np.float32)
    return DistillShardDataset(tokens, teacher)
