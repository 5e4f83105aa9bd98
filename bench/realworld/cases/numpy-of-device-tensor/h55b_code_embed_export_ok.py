# source: https://github.com/allenai/allennlp/issues/5652
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Embed a code corpus with a small bag-of-tokens encoder and export vectors for offline code search."""
import zlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


def tokenize(snippet, vocab=30000, max_len=48):
    ids = [zlib.crc32(t.encode()) % (vocab - 1) + 1 for t in snippet.replace("(", " ( ").split()][:max_len]
    return torch.tensor(ids + [0] * (max_len - len(ids)))


class SnippetEncoder(nn.Module):
    def __init__(self, vocab=30000, dim=128):
        super().__init__()
        self.embed = nn.EmbeddingBag(vocab, dim, mode="mean", padding_idx=0)
        self.proj = nn.Linear(dim, dim)

    def forward(self, ids):
        return F.normalize(self.proj(self.embed(ids)), dim=-1)


def to_host(t):
    return t.detach().float().cpu()


@torch.no_grad()
def embed_corpus(model, snippets, device, batch_size=64):
    loader = DataLoader([tokenize(s) for s in snippets], batch_size=batch_size)
    parts = []
    for ids in loader:
        vecs = model(ids.to(device))
        parts.append(to_host(vecs))
    return torch.cat(parts)


def top_k_neighbours(corpus_vecs, query_vecs, k=3):
    scores = query_vecs @ corpus_vecs.T
    return scores.topk(k, dim=-1)


def main(out_path="code_vectors.npy"):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    snippets = [f"def get_{n}(self): return self._{n}" for n in ("name", "id", "path", "size", "mtime")] * 40
    model = SnippetEncoder().to(device).eval()

    corpus = embed_corpus(model, snippets, device)
    np.save(out_path, corpus.numpy())

    queries = embed_corpus(model, ["return the file size", "get object identifier"], device)
    scores, idx = top_k_neighbours(corpus.to(device), queries.to(device))
    for row_scores, row_idx in zip(scores.cpu().numpy(), idx.cpu().numpy()):
        print([(snippets[j], round(float(s), 3)) for s, j in zip(row_scores, row_idx)])
    ids_np = tokenize(snippets[0]).numpy()
    print("first snippet token ids:", ids_np[:8])


if __name__ == "__main__":
    main()
