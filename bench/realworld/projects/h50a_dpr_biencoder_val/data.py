# source: https://github.com/facebookresearch/DPR/issues/173
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, class, loader-loop
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""NQ-style retriever samples -> BiEncoderBatch (all tensors built on the CPU)."""
import json

import torch
from torch.utils.data import Dataset

from biencoder import BiEncoderBatch


class RetrieverJsonDataset(Dataset):
    def __init__(self, path):
        with open(path) as f:
            self.samples = [s for s in json.load(f) if s["positive_ctxs"]]

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        return self.samples[idx]


class BiEncoderCollator:
    def __init__(self, tokenizer, max_len=256, num_hard_negatives=1):
        self.tokenizer = tokenizer
        self.max_len = max_len
        self.num_hard_negatives = num_hard_negatives

    def _encode(self, texts):
        enc = self.tokenizer(texts, max_length=self.max_len, truncation=True,
                             padding="max_length", return_tensors="pt")
        return enc["input_ids"], enc["token_type_ids"]

    def __call__(self, samples):
        questions, passages, positives, negatives = [], [], [], []
        for s in samples:
            questions.append(s["question"])
            positives.append(len(passages))
            passages.append(s["positive_ctxs"][0]["text"])
            hard = s.get("hard_negative_ctxs", [])[: self.num_hard_negatives]
            negatives.append(list(range(len(passages), len(passages) + len(hard))))
            passages.extend(c["text"] for c in hard)
        q_ids, q_segs = self._encode(questions)
        ctx_ids, ctx_segs = self._encode(passages)
        return BiEncoderBatch(q_ids, q_segs, ctx_ids, ctx_segs,
                              torch.tensor(positives), negatives)
