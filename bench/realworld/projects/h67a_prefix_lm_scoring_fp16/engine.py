# source: https://github.com/michaelfeil/infinity/issues/437
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, class
# bug-lines: 25, 30, 31
# needs: torch, numpy
# cpu: clean
"""Batched log-likelihood scoring for the retrieval-conditioned LM."""
import numpy as np
import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence


class ScoringEngine:
    def __init__(self, model, device):
        self.device = torch.device(device)
        self.dtype = torch.float16 if self.device.type == "cuda" else torch.float32
        self.model = model.to(device=self.device, dtype=self.dtype).eval()

    def encode_pre(self, requests):
        ids = [torch.tensor(r["token_ids"], dtype=torch.long) for r in requests]
        ids = pad_sequence(ids, batch_first=True, padding_value=0)
        feats = np.stack([r["doc_embedding"] for r in requests])
        prefix = torch.from_numpy(feats).float()
        return {"input_ids": ids, "prefix_feats": prefix}

    @torch.no_grad()
    def encode_core(self, features):
        features = {k: v.to(self.device) for k, v in features.items()}
        return self.model(**features)

    def score(self, requests):
        features = self.encode_pre(requests)
        logits = self.encode_core(features).float()
        ids = features["input_ids"].to(self.device)
        logp = F.log_softmax(logits[:, :-1], dim=-1).gather(-1, ids[:, 1:, None]).squeeze(-1)
        mask = (ids[:, 1:] != 0).float()
        return ((logp * mask).sum(-1) / mask.sum(-1).clamp(min=1)).tolist()
