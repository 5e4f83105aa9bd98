# source: https://github.com/RUCAIBox/RecBole/pull/1749
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, loader-loop
# bug-lines: 22, 23
# needs: torch
# cpu: no written where torch was not installed; not run
"""Mult-VAE for collaborative filtering; user rows are rebuilt from a cached history matrix."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class HistoryMatrixMixin:
    """Shared by the auto-encoder recommenders: cache histories once, densify per batch."""

    max_history = 200

    def build_history_cache(self, histories):
        n_users = len(histories)
        width = min(max(len(h) for h in histories), self.max_history)
        self.history_items = torch.zeros(n_users, width, dtype=torch.long)
        self.history_values = torch.zeros(n_users, width)
        for u, hist in enumerate(histories):
            hist = hist[-width:]
            self.history_items[u, : len(hist)] = torch.tensor(hist, dtype=torch.long)
            self.history_values[u, : len(hist)] = 1.0

    def rating_matrix(self, user):
        rows = torch.arange(user.size(0), device=user.device).repeat_interleave(self.history_items.size(1))
        cols = self.history_items[user].flatten()
        vals = self.history_values[user].flatten()
        matrix = torch.zeros(user.size(0), self.n_items, device=user.device)
        matrix.index_put_((rows, cols), vals)
        matrix[:, 0] = 0.0  # padding column
        return matrix


class MultVAE(HistoryMatrixMixin, nn.Module):
    def __init__(self, n_items, histories, hidden=600, latent=200, dropout=0.5, anneal_cap=0.2):
        super().__init__()
        self.n_items = n_items
        self.encoder = nn.Sequential(nn.Linear(n_items, hidden), nn.Tanh(), nn.Linear(hidden, 2 * latent))
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.Tanh(), nn.Linear(hidden, n_items))
        self.dropout = nn.Dropout(dropout)
        self.latent = latent
        self.anneal_cap = anneal_cap
        self.build_history_cache(histories)

    def forward(self, rating):
        h = self.encoder(self.dropout(F.normalize(rating, dim=1)))
        mu, logvar = h[:, : self.latent], h[:, self.latent:]
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if self.training else mu
        return self.decoder(z), mu, logvar

    def calculate_loss(self, user, step):
        rating = self.rating_matrix(user)
        logits, mu, logvar = self.forward(rating)
        kl = -0.5 * torch.mean(torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=1))
        ce = -(F.log_softmax(logits, dim=1) * rating).sum(1).mean()
        return ce + min(self.anneal_cap, step / 200000) * kl
