# source: http://thinbug.com/q/60908827
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 39, 40, 44
# needs: torch
# cpu: no written where torch was not installed; not run
"""Bag-of-tokens dual encoder with a post-hoc whitening transform (BERT-whitening style)."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


class BagEncoder(nn.Module):
    def __init__(self, vocab_size=30000, dim=256, out_dim=128):
        super().__init__()
        self.bag = nn.EmbeddingBag(vocab_size, dim, mode="mean")
        self.proj = nn.Linear(dim, out_dim)

    def forward(self, token_ids, offsets):
        return self.proj(self.bag(token_ids, offsets))


class WhitenedRetriever(nn.Module):
    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder
        self.mu = None
        self.W = None

    @torch.no_grad()
    def fit_whitening(self, loader, k=64):
        feats = torch.cat([self.encoder(ids, offs) for ids, offs in loader])
        mu = feats.mean(dim=0, keepdim=True)
        cov = torch.cov((feats - mu).T)
        u, s, _ = torch.linalg.svd(cov)
        W = u @ torch.diag(1.0 / torch.sqrt(s + 1e-6))
        self.mu = mu
        self.W = W[:, :k]

    def encode(self, token_ids, offsets):
        emb = self.encoder(token_ids, offsets)
        return F.normalize((emb - self.mu) @ self.W, dim=-1)


def collate(batch):
    ids = [torch.tensor(x, dtype=torch.long) for x in batch]
    offsets = torch.tensor([0] + [len(x) for x in ids[:-1]]).cumsum(0)
    return torch.cat(ids), offsets


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    corpus = [[(i * 7 + j) % 30000 for j in range(5 + i % 11)] for i in range(2000)]
    queries = [[(i * 13 + j) % 30000 for j in range(4)] for i in range(64)]

    retriever = WhitenedRetriever(BagEncoder())
    retriever.fit_whitening(DataLoader(corpus, batch_size=256, collate_fn=collate))
    retriever.to(device).eval()

    with torch.no_grad():
        doc_vecs = torch.cat([retriever.encode(ids.to(device), offs.to(device))
                              for ids, offs in DataLoader(corpus, batch_size=256, collate_fn=collate)])
        for ids, offs in DataLoader(queries, batch_size=16, collate_fn=collate):
            q = retriever.encode(ids.to(device), offs.to(device))
            print((q @ doc_vecs.T).topk(5, dim=-1).indices[:2].tolist())
