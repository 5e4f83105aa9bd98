# source: https://github.com/dreamquark-ai/tabnet/issues/197
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class AttentiveStepNet(nn.Module):
    """Small sequential-attention classifier trained on a GPU node."""

    def __init__(self, input_dim, output_dim, n_d=16, n_steps=3):
        super().__init__()
        self.bn = nn.BatchNorm1d(input_dim)
        self.masks = nn.ModuleList([nn.Linear(input_dim, input_dim) for _ in range(n_steps)])
        self.steps = nn.ModuleList([nn.Linear(input_dim, n_d) for _ in range(n_steps)])
        self.out = nn.Linear(n_d, output_dim)

    def forward(self, x):
        x = self.bn(x)
        prior, agg = torch.ones_like(x), 0.0
        for att, step in zip(self.masks, self.steps):
            m = torch.softmax(att(x) * prior, dim=-1)
            prior = prior * (1.5 - m)
            agg = agg + torch.relu(step(x * m))
        return self.out(agg)


class CPUScorer:
    def __init__(self, path):
        self.device = torch.device("cpu")
        saved = torch.load(path, map_location=torch.device("cpu"))
        self.params = saved["params"]
        self.network = AttentiveStepNet(**self.params).to(self.device)
        self.network.load_state_dict(saved["state_dict"])
        self.network.eval()

    @torch.no_grad()
    def predict_proba(self, X, batch_size=4096):
        loader = DataLoader(TensorDataset(torch.as_tensor(X, dtype=torch.float32)), batch_size=batch_size)
        chunks = []
        for (xb,) in loader:
            logits = self.network(xb.to(self.device))
            chunks.append(torch.softmax(logits, dim=1).numpy())
        return np.vstack(chunks)


if __name__ == "__main__":
    scorer = CPUScorer("models/fraud_tabnet.pt")
    X_new = np.load("data/today.npy")
    np.save("data/today_scores.npy", scorer.predict_proba(X_new)[:, 1])
