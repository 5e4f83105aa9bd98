# source: https://github.com/theislab/scarches/issues/195
# error: RuntimeError: expected scalar type Float but found Double
# shape: class, loader-loop
# looks-like: float64-input
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class AnnotatedDataset(Dataset):
    """Wraps an AnnData-like object: X is the (cells x genes) matrix, obs the conditions."""

    def __init__(self, X, conditions, condition_key="study"):
        self.X = X
        self.condition_key = condition_key
        self.conditions = conditions

    def __len__(self):
        return self.X.shape[0]

    def __getitem__(self, index):
        return {"x": torch.tensor(self.X[index], dtype=torch.float32),
                "batch": torch.tensor(self.conditions[index], dtype=torch.long)}


class scPoliModel(nn.Module):
    def __init__(self, input_dim, n_conditions, latent_dim=10, hidden=32, embedding_dim=5):
        super().__init__()
        self.embedding = nn.Embedding(n_conditions, embedding_dim)
        self.encoder = nn.Sequential(nn.Linear(input_dim + embedding_dim, hidden), nn.ReLU())
        self.mean = nn.Linear(hidden, latent_dim)
        self.decoder = nn.Linear(latent_dim + embedding_dim, input_dim)

    def forward(self, x, batch):
        emb = self.embedding(batch)
        z = self.mean(self.encoder(torch.cat([x, emb], dim=-1)))
        return self.decoder(torch.cat([z, emb], dim=-1))


class scPoliTrainer:
    def __init__(self, model, dataset, batch_size=32, lr=1e-3):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device)
        self.loader = DataLoader(dataset, batch_size=batch_size, shuffle=True)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)

    def train(self, n_epochs=2):
        for epoch in range(n_epochs):
            for batch in self.loader:
                batch = {k: v.to(self.device) for k, v in batch.items()}
                recon = self.model(batch["x"], batch["batch"])
                loss = ((recon - batch["x"]) ** 2).mean()
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()


if __name__ == "__main__":
    counts = np.random.poisson(1.0, size=(64, 40))
    adata_X = np.log1p(counts / counts.sum(1, keepdims=True) * 1e4)  # sc.pp.log1p keeps float64
    study = np.random.randint(0, 3, size=64)
    model = scPoliModel(input_dim=adata_X.shape[1], n_conditions=3)
    scPoliTrainer(model, AnnotatedDataset(adata_X, study)).train()
