# source: https://github.com/pygod-team/pygod/issues/91
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: multi-file, class
# bug-lines: 30, 34
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fit/score API around the graph autoencoder, in the style of pyod/pygod detectors."""
import torch

from model import GraphAE, ResidualScorer


def normalize_adj(adj):
    adj = adj + torch.eye(adj.shape[0], device=adj.device)
    deg_inv_sqrt = adj.sum(1).pow(-0.5)
    return deg_inv_sqrt[:, None] * adj * deg_inv_sqrt[None, :]


class SensorGraphDetector:
    def __init__(self, in_dim, hid_dim=32, lr=5e-3, epochs=200, gpu=0):
        self.device = torch.device(f"cuda:{gpu}" if gpu >= 0 and torch.cuda.is_available() else "cpu")
        self.net = GraphAE(in_dim, hid_dim).to(self.device)
        self.lr, self.epochs = lr, epochs

    def fit(self, x, adj):
        x = x.to(self.device)
        adj_norm = normalize_adj(adj.to(self.device))
        # the scorer needs the number of sensors, which is only known here
        self.net.scorer = ResidualScorer(x.shape[0], x.shape[1])
        opt = torch.optim.Adam(self.net.parameters(), lr=self.lr)
        for epoch in range(self.epochs):
            _, recon = self.net(x, adj_norm)
            score = self.net.scorer(recon - x)
            loss = (recon - x).pow(2).mean() + 1e-3 * score.pow(2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        self.decision_scores_ = self.decision_function(x, adj)
        return self

    @torch.no_grad()
    def decision_function(self, x, adj):
        x = x.to(self.device)
        _, recon = self.net(x, normalize_adj(adj.to(self.device)))
        return self.net.scorer(recon - x).cpu()
