# source: https://github.com/tobiasvanderwerff/full-page-handwriting-recognition/issues/4
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop, multi-file
# bug-lines: 21, 43
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import Dataset


class LabelEncoder:
    def __init__(self, charset, pad="<pad>", eos="<eos>"):
        self.itos = [pad, eos] + sorted(set(charset))
        self.stoi = {c: i for i, c in enumerate(self.itos)}
        self.pad_idx, self.eos_idx = 0, 1

    def encode(self, text):
        ids = [self.stoi[c] for c in text] + [self.eos_idx]
        return np.array(ids, dtype=np.int32)


class LineDataset(Dataset):
    def __init__(self, samples, encoder):
        self.samples = samples  # list of (float32 image array HxW, transcription)
        self.encoder = encoder

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        img, text = self.samples[idx]
        return torch.from_numpy(img).unsqueeze(0), self.encoder.encode(text)


def collate_lines(batch, pad_idx=0):
    imgs, targets = zip(*batch)
    max_len = max(len(t) for t in targets)
    padded = np.full((len(targets), max_len), pad_idx, dtype=targets[0].dtype)
    for i, t in enumerate(targets):
        padded[i, : len(t)] = t
    return {"images": torch.stack(imgs), "targets": torch.from_numpy(padded)}
