# source: https://github.com/michaelfeil/infinity/issues/437
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, class
# needs: torch, numpy
# cpu: clean
import numpy as np
import torch

from engine import ScoringEngine
from model import PrefixLM


def fake_requests(n=4, feat_dim=384, vocab=8000, seed=0):
    rng = np.random.default_rng(seed)
    return [{"token_ids": rng.integers(1, vocab, size=rng.integers(8, 24)).tolist(),
             "doc_embedding": rng.standard_normal(feat_dim).astype(np.float32)}
            for _ in range(n)]


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    engine = ScoringEngine(PrefixLM(), device)
    for req, s in zip(fake_requests(), engine.score(fake_requests())):
        print(len(req["token_ids"]), f"avg logprob {s:.3f}")
