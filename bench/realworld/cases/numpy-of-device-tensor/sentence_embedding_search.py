# source: https://github.com/wengong-jin/hgraph2graph/pull/35
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class TokenizedCorpus(Dataset):
    def __init__(self, n_docs=40, seq_len=12, vocab=500, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.input_ids = torch.randint(1, vocab, (n_docs, seq_len), generator=g)
        self.attention_mask = torch.ones(n_docs, seq_len, dtype=torch.long)

    def __len__(self):
        return len(self.input_ids)

    def __getitem__(self, idx):
        return {"input_ids": self.input_ids[idx], "attention_mask": self.attention_mask[idx]}


class MeanPoolEncoder(nn.Module):
    def __init__(self, vocab=500, dim=48):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, input_ids, attention_mask):
        h = self.proj(self.embed(input_ids))
        mask = attention_mask.unsqueeze(-1).to(h.dtype)
        return (h * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)


@torch.no_grad()
def predict(model, loader, device):
    model.eval()
    chunks = []
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        emb = model(batch["input_ids"], batch["attention_mask"])
        emb = torch.nn.functional.normalize(emb, dim=-1)
        chunks.append(emb.detach().cpu().numpy())
    return np.concatenate(chunks, axis=0)


def top_k(query_vecs, corpus_vecs, k=3):
    scores = query_vecs @ corpus_vecs.T
    return np.argsort(-scores, axis=1)[:, :k]


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MeanPoolEncoder().to(device)
    corpus_vecs = predict(model, DataLoader(TokenizedCorpus(), batch_size=8), device)
    query_vecs = predict(model, DataLoader(TokenizedCorpus(n_docs=4, seed=1), batch_size=4), device)
    print(top_k(query_vecs, corpus_vecs))


if __name__ == "__main__":
    main()
