# source: https://github.com/BayraktarLab/cell2location/issues/410
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: long int != float
# pattern: integer-input
# shape: class, helper, batch-dict, loader-loop
# bug-lines: 16, 32, 33
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


def one_hot(index, n_cat):
    return F.one_hot(index.squeeze(-1), n_cat)


class RegressionBackgroundDetectionTech(nn.Module):
    """Per-cluster reference expression signatures with technology-specific detection effects."""

    def __init__(self, n_vars, n_clusters, n_tech):
        super().__init__()
        self.n_clusters, self.n_tech = n_clusters, n_tech
        self.per_cluster_mu_fg = nn.Parameter(torch.randn(n_clusters, n_vars) * 0.1)
        self.detection_tech_gene = nn.Parameter(torch.zeros(n_tech, n_vars))
        self.detection_mean = nn.Parameter(torch.zeros(n_tech, 1))

    def forward(self, x_data, label_index, tech_index):
        obs2label = one_hot(label_index, self.n_clusters)
        obs2tech = one_hot(tech_index, self.n_tech)
        mu = torch.mm(obs2label, F.softplus(self.per_cluster_mu_fg))
        detection = torch.mm(obs2tech, F.softplus(self.detection_tech_gene + self.detection_mean))
        return mu * detection


class AnnDataset(Dataset):
    def __init__(self, X, labels, tech):
        self.X, self.labels, self.tech = X, labels, tech

    def __len__(self):
        return self.X.shape[0]

    def __getitem__(self, i):
        return {"X": torch.from_numpy(self.X[i]),
                "labels": torch.tensor([self.labels[i]], dtype=torch.long),
                "tech": torch.tensor([self.tech[i]], dtype=torch.long)}


def train(model, loader, max_epochs=250, lr=2e-3, device="cpu"):
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for epoch in range(max_epochs):
        total = 0.0
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            mu = model(batch["X"], batch["labels"], batch["tech"])
            loss = F.poisson_nll_loss(mu, batch["X"], log_input=False)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        if epoch % 50 == 0:
            print("epoch", epoch, "loss", total / len(loader))


if __name__ == "__main__":
    n_obs, n_vars, n_clusters, n_tech = 2000, 500, 12, 3
    X = np.random.poisson(2.0, size=(n_obs, n_vars)).astype(np.float32)
    labels = np.random.randint(0, n_clusters, n_obs)
    tech = np.random.randint(0, n_tech, n_obs)
    loader = DataLoader(AnnDataset(X, labels, tech), batch_size=256, shuffle=True)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    train(RegressionBackgroundDetectionTech(n_vars, n_clusters, n_tech), loader, device=device)
