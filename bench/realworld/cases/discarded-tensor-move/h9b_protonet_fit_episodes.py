# source: https://github.com/mit-ll-responsible-ai/equine/issues/206
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: discarded-tensor-move
# shape: class, helper
# bug-lines: 42, 43, 47
# needs: torch
# cpu: no written where torch was not installed; not run
"""Episodic prototypical-network classifier with a held-out calibration split."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ProtoNetClassifier:
    def __init__(self, in_dim, emb_dim=64, lr=1e-3, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.encoder = nn.Sequential(
            nn.Linear(in_dim, 128), nn.ReLU(), nn.Linear(128, emb_dim)
        ).to(self.device)
        self.optimizer = torch.optim.Adam(self.encoder.parameters(), lr=lr)
        self.temperature = 1.0

    def _split(self, X, Y, calib_frac):
        perm = torch.randperm(len(X))
        n_cal = int(len(X) * calib_frac)
        return X[perm[n_cal:]], Y[perm[n_cal:]], X[perm[:n_cal]], Y[perm[:n_cal]]

    def _sample_episode(self, Y, n_support, n_query):
        support, query = [], []
        for c in torch.unique(Y):
            idx = torch.nonzero(Y == c).flatten()
            idx = idx[torch.randperm(len(idx), device=idx.device)]
            support.append(idx[:n_support])
            query.append(idx[n_support:n_support + n_query])
        return torch.stack(support), torch.cat(query)

    def _logits(self, emb, prototypes):
        return -torch.cdist(emb, prototypes) / self.temperature

    def fit(self, X, Y, n_episodes=500, n_support=5, n_query=10, calib_frac=0.1):
        train_x, train_y, calib_x, calib_y = self._split(X, Y, calib_frac)
        train_x.to(self.device)
        train_y.to(self.device)
        classes = torch.unique(train_y)
        for episode in range(n_episodes):
            s_idx, q_idx = self._sample_episode(train_y, n_support, n_query)
            emb_s = self.encoder(train_x[s_idx.flatten()])
            prototypes = emb_s.view(len(classes), n_support, -1).mean(dim=1)
            emb_q = self.encoder(train_x[q_idx])
            targets = torch.searchsorted(classes, train_y[q_idx])
            loss = F.cross_entropy(self._logits(emb_q, prototypes), targets)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            if episode % 100 == 0:
                print(f"episode {episode}: loss={loss.item():.4f}")
        self.calibrate(calib_x, calib_y, train_x, train_y, classes)
        return self

    @torch.no_grad()
    def calibrate(self, calib_x, calib_y, support_x, support_y, classes):
        calib_x = calib_x.to(self.device)
        calib_y = calib_y.to(self.device)
        emb = self.encoder(support_x.to(self.device))
        onehot = F.one_hot(torch.searchsorted(classes, support_y), len(classes)).float()
        self.prototypes = (onehot.t().to(self.device) @ emb) / onehot.sum(0)[:, None].to(self.device)
        best_t, best_nll = 1.0, float("inf")
        for t in (0.25, 0.5, 1.0, 2.0, 4.0):
            logits = -torch.cdist(self.encoder(calib_x), self.prototypes) / t
            nll = F.cross_entropy(logits, torch.searchsorted(classes.to(self.device), calib_y)).item()
            if nll < best_nll:
                best_t, best_nll = t, nll
        self.temperature = best_t


if __name__ == "__main__":
    X = torch.randn(3000, 32)
    Y = torch.randint(0, 5, (3000,))
    ProtoNetClassifier(in_dim=32).fit(X, Y)
