# source: https://github.com/huggingface/sentence-transformers/issues/770
# error: RuntimeError: Found dtype Double but expected Float
# pattern: loss-target-dtype
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 35
# needs: torch, numpy, pandas
# cpu: no written where torch was not installed; not run
"""Query/passage similarity pairs for bi-encoder fine-tuning."""
import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset


class ScoredPairs(Dataset):
    def __init__(self, tsv_path, max_score=5.0):
        df = pd.read_csv(tsv_path, sep="\t", names=["query", "passage", "score"])
        self.queries = df["query"].tolist()
        self.passages = df["passage"].tolist()
        self.scores = (df["score"] / max_score).to_numpy()

    def __len__(self):
        return len(self.queries)

    def __getitem__(self, idx):
        return {"query": self.queries[idx], "passage": self.passages[idx], "score": self.scores[idx]}


def make_collate(tokenizer, max_len=128):
    def collate(batch):
        q = tokenizer([b["query"] for b in batch], padding=True, truncation=True,
                      max_length=max_len, return_tensors="pt")
        p = tokenizer([b["passage"] for b in batch], padding=True, truncation=True,
                      max_length=max_len, return_tensors="pt")
        labels = torch.from_numpy(np.stack([b["score"] for b in batch]))
        return {"query": q, "passage": p, "labels": labels}
    return collate
