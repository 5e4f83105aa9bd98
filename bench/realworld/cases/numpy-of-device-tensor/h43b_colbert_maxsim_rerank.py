# source: https://github.com/Marker-Inc-Korea/AutoRAG/issues/301
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 49
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

"""ColBERT-style late-interaction passage reranker (MaxSim scored in numpy)."""
from typing import List

import numpy as np
import torch
import torch.nn as nn

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


class TokenEncoder(nn.Module):
    def __init__(self, vocab_size=30522, dim=128):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, 256, padding_idx=0)
        self.layer = nn.TransformerEncoderLayer(256, nhead=4, batch_first=True)
        self.linear = nn.Linear(256, dim, bias=False)

    def forward(self, input_ids, attention_mask):
        h = self.layer(self.embed(input_ids), src_key_padding_mask=attention_mask == 0)
        return nn.functional.normalize(self.linear(h), dim=-1)


def tokenize(texts: List[str], max_length=64):
    rows = [[hash(w) % 30521 + 1 for w in t.lower().split()][:max_length] for t in texts]
    width = max(len(r) for r in rows)
    ids = torch.tensor([r + [0] * (width - len(r)) for r in rows])
    return {"input_ids": ids, "attention_mask": (ids != 0).long()}


def slice_encoding(encoding, batch_size):
    n = encoding["input_ids"].shape[0]
    for start in range(0, n, batch_size):
        yield {k: v[start:start + batch_size].to(DEVICE) for k, v in encoding.items()}


@torch.no_grad()
def get_colbert_embedding_batch(texts: List[str], model, batch_size=16) -> List[np.ndarray]:
    encoding = tokenize(texts)
    chunks = [model(**batch) for batch in slice_encoding(encoding, batch_size)]
    total = torch.cat(chunks, dim=0)
    return [x.squeeze(0).detach().numpy() for x in total.chunk(total.size(0))]


def maxsim(query_emb: np.ndarray, doc_emb: np.ndarray) -> float:
    return float((query_emb @ doc_emb.T).max(axis=1).sum())


def colbert_rerank(queries, contents_list, model, top_k=3):
    results = []
    for query, contents in zip(queries, contents_list):
        q_emb = get_colbert_embedding_batch([query], model)[0]
        d_embs = get_colbert_embedding_batch(contents, model)
        scores = [maxsim(q_emb, d) for d in d_embs]
        order = np.argsort(scores)[::-1][:top_k]
        results.append([(contents[i], scores[i]) for i in order])
    return results


if __name__ == "__main__":
    encoder = TokenEncoder().to(DEVICE).eval()
    queries = ["what is late interaction retrieval"]
    passages = [["ColBERT encodes queries and passages into token vectors.", "Paris is in France.",
                 "MaxSim sums the best token matches for each query token."]]
    for ranked in colbert_rerank(queries, passages, encoder):
        for text, score in ranked:
            print(f"{score:.3f}  {text}")
