# source: https://github.com/torchkge-team/torchkge/pull/246
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, loader-loop
# looks-like: cache-builder-cpu-default
# needs: torch, pandas
# cpu: no written where torch was not installed; not run
"""Train TransH with Bernoulli negative sampling."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader

from h57a_kg_data import KnowledgeGraph
from h57a_sampler import BernoulliNegativeSampler


class TransH(nn.Module):
    def __init__(self, n_ent, n_rel, dim=100):
        super().__init__()
        self.ent = nn.Embedding(n_ent, dim)
        self.rel = nn.Embedding(n_rel, dim)
        self.norm_vec = nn.Embedding(n_rel, dim)
        for emb in (self.ent, self.rel, self.norm_vec):
            nn.init.xavier_uniform_(emb.weight)

    def score(self, h, t, r):
        w = F.normalize(self.norm_vec(r), dim=-1)
        proj = lambda e: e - (e * w).sum(-1, keepdim=True) * w
        return -(proj(self.ent(h)) + self.rel(r) - proj(self.ent(t))).norm(p=2, dim=-1)


def main(path="data/fb15k237/train.tsv", epochs=100, margin=1.0):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    kg = KnowledgeGraph(path)
    sampler = BernoulliNegativeSampler(kg)
    model = TransH(kg.n_ent, kg.n_rel).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=5e-4)
    loader = DataLoader(kg, batch_size=2048, shuffle=True)
    for epoch in range(epochs):
        running = 0.0
        for h, t, r in loader:
            h, t, r = h.to(device), t.to(device), r.to(device)
            nh, nt = sampler.corrupt_batch(h, t, r)
            loss = F.relu(margin - model.score(h, t, r) + model.score(nh, nt, r)).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            running += loss.item()
        print(f"epoch {epoch}: {running / len(loader):.4f}")


if __name__ == "__main__":
    main()
