# source: https://github.com/dholzmueller/pytabkit/pull/14
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: class, helper, loader-loop
# bug-lines: 32
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Retrieval-augmented tabular classifier: each row attends to its nearest training rows."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class RetrievalClassifier(nn.Module):
    def __init__(self, n_features, n_classes, d_main=128, context_size=32):
        super().__init__()
        self.context_size = context_size
        self.encoder = nn.Sequential(nn.Linear(n_features, d_main), nn.ReLU(), nn.Linear(d_main, d_main))
        self.label_encoder = nn.Linear(1, d_main)
        self.T = nn.Sequential(nn.Linear(d_main, d_main), nn.ReLU(), nn.Linear(d_main, d_main, bias=False))
        self.head = nn.Sequential(nn.ReLU(), nn.Linear(d_main, n_classes))

    def forward(self, x, candidate_x, candidate_y):
        k = self.encoder(x)                                   # (B, d)
        candidate_k = self.encoder(candidate_x)               # (N, d)
        distances = torch.cdist(k, candidate_k)               # (B, N)
        context_dist, context_idx = distances.topk(self.context_size, dim=-1, largest=False)
        similarities = F.softmax(-context_dist, dim=-1)       # (B, K)
        context_k = candidate_k[context_idx]                  # (B, K, d)
        context_y_emb = self.label_encoder(candidate_y[context_idx][..., None])
        values = context_y_emb + self.T(k[:, None] - context_k)
        context = (similarities[..., None] * values).sum(1)
        return self.head(k + context)


def fit(model, X_train, y_train, epochs=20, device="cpu"):
    cand_x = torch.as_tensor(X_train, dtype=torch.float32, device=device)
    cand_y = torch.as_tensor(y_train, device=device)          # int64 class ids
    loader = DataLoader(TensorDataset(cand_x, cand_y), batch_size=256, shuffle=True)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-5)
    for epoch in range(epochs):
        for xb, yb in loader:
            logits = model(xb, cand_x, cand_y)
            loss = F.cross_entropy(logits, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")
    return model


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.standard_normal((5000, 20)).astype(np.float32)
    y = (X[:, 0] + X[:, 3] > 0).astype(np.int64) + (X[:, 5] > 1).astype(np.int64)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    clf = RetrievalClassifier(n_features=20, n_classes=3).to(device)
    fit(clf, X, y, device=device)
