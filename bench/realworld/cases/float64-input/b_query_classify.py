# source: https://github.com/theislab/scarches/issues/246
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: class
# bug-lines: 52, 55, 57
# cpu: raises "mat1 and mat2 must have the same dtype"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


class AnnDataLike:
    def __init__(self, n_obs=40, n_vars=15, seed=0):
        rng = np.random.default_rng(seed)
        self.X = rng.normal(size=(n_obs, n_vars))
        self.obs = {"cell_type": rng.integers(0, 3, n_obs)}


class Encoder(nn.Module):
    def __init__(self, n_in, n_latent=6):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_in, 32), nn.ReLU(), nn.Linear(32, n_latent))

    def forward(self, x):
        return self.net(x)


class scPoliLike:
    def __init__(self, adata, n_latent=6):
        self.adata = adata
        self.model = Encoder(adata.X.shape[1], n_latent)
        self.device = next(self.model.parameters()).device
        self.prototypes = None

    def train(self, epochs=5):
        x = torch.tensor(self.adata.X, dtype=torch.float32, device=self.device)
        opt = torch.optim.Adam(self.model.parameters(), lr=1e-2)
        for _ in range(epochs):
            z = self.model(x)
            loss = z.pow(2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        with torch.no_grad():
            z = self.model(x)
            labels = torch.as_tensor(self.adata.obs["cell_type"])
            self.prototypes = torch.stack([z[labels == c].mean(0) for c in range(3)])

    def get_latent(self, x):
        with torch.no_grad():
            return self.model(x)

    def classify(self, adata, scale_uncertainties=False):
        x = torch.tensor(adata.X, device=self.device)
        self.model.eval()
        z = self.get_latent(x)
        dists = torch.cdist(z, self.prototypes)
        probs = torch.softmax(-dists, dim=-1)
        unc = 1 - probs.max(-1).values
        if scale_uncertainties:
            unc = unc / unc.max()
        return {"preds": probs.argmax(-1).numpy(), "uncert": unc.numpy()}


if __name__ == "__main__":
    ref = AnnDataLike(seed=0)
    query = AnnDataLike(seed=1)
    scpoli_query = scPoliLike(ref)
    scpoli_query.train()
    results_dict = scpoli_query.classify(query, scale_uncertainties=True)
    print(results_dict["preds"][:10])
