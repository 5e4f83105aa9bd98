# source: https://github.com/DLR-RM/stable-baselines3/issues/491
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: class, loader-loop, batch-dict
# bug-lines: 33
# needs: torch
# cpu: no written where torch was not installed; not run
"""Multi-input encoder for log-line anomaly detection.

Each event carries a token sequence and a vector of numeric counters; the width of
the concatenated feature is only known once the first batch comes through.
"""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class MultiInputEncoder(nn.Module):
    def __init__(self, vocab_size, n_counters, emb_dim=64, features_dim=128):
        super().__init__()
        self.features_dim = features_dim
        self.tok_emb = nn.EmbeddingBag(vocab_size, emb_dim, mode="mean")
        self.counter_net = nn.Sequential(nn.Linear(n_counters, 32), nn.Tanh())
        self.fusion = None

    def forward(self, obs):
        parts = [
            self.tok_emb(obs["tokens"], obs["offsets"]),
            self.counter_net(obs["counters"]),
        ]
        cat = torch.cat(parts, dim=1)
        if self.fusion is None:
            self.fusion = nn.Sequential(
                nn.Linear(cat.shape[1], self.features_dim * 2), nn.Tanh(),
                nn.Linear(self.features_dim * 2, self.features_dim), nn.Tanh(),
            )
        return self.fusion(cat)


class AnomalyScorer(nn.Module):
    def __init__(self, encoder, features_dim=128):
        super().__init__()
        self.encoder = encoder
        self.score = nn.Linear(features_dim, 1)

    def forward(self, obs):
        return self.score(self.encoder(obs)).squeeze(-1)


def train(dataset, collate_fn, vocab_size, n_counters, epochs=3):
    device = torch.device("cuda")
    model = AnomalyScorer(MultiInputEncoder(vocab_size, n_counters)).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(dataset, batch_size=128, shuffle=True, collate_fn=collate_fn)
    for _ in range(epochs):
        for obs, label in loader:
            obs = {k: v.to(device) for k, v in obs.items()}
            loss = nn.functional.binary_cross_entropy_with_logits(model(obs), label.to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
