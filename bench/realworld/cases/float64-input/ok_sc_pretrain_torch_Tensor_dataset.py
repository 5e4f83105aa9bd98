# source: https://github.com/ttgump/scDCC/issues/2
# error: RuntimeError: expected scalar type Double but found Float
# shape: class, loader-loop
# looks-like: float64-input
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def buildNetwork(layers):
    net = []
    for i in range(1, len(layers)):
        net += [nn.Linear(layers[i - 1], layers[i]), nn.ReLU()]
    return nn.Sequential(*net)


class ZINBAutoencoder(nn.Module):
    def __init__(self, input_dim, z_dim=8, hidden=32, sigma=1.0):
        super().__init__()
        self.sigma = sigma
        self.encoder = buildNetwork([input_dim, hidden])
        self._enc_mu = nn.Linear(hidden, z_dim)
        self.decoder = buildNetwork([z_dim, hidden])
        self._dec_mean = nn.Linear(hidden, input_dim)

    def forward(self, x):
        z = self._enc_mu(self.encoder(x + torch.randn_like(x) * self.sigma))
        return torch.exp(self._dec_mean(self.decoder(z)))

    def pretrain_autoencoder(self, x, X_raw, size_factor, batch_size=32, lr=1e-3, epochs=2):
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.to(device)
        # torch.Tensor(ndarray) builds a float32 tensor even from a float64 matrix
        dataset = TensorDataset(torch.Tensor(x), torch.Tensor(X_raw), torch.Tensor(size_factor))
        dataloader = DataLoader(dataset, batch_size=batch_size, shuffle=True)
        optimizer = torch.optim.Adam(self.parameters(), lr=lr, amsgrad=True)
        for epoch in range(epochs):
            for x_batch, x_raw_batch, sf_batch in dataloader:
                x_tensor = x_batch.to(device)
                mean = self.forward(x_tensor) * sf_batch.to(device)[:, None]
                loss = (mean - x_raw_batch.to(device) * torch.log(mean + 1e-8)).mean()
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        return loss.item()


if __name__ == "__main__":
    raw = np.random.poisson(2.0, size=(64, 30)).astype(np.float64)
    size_factor = raw.sum(1) / np.median(raw.sum(1))
    x = np.log1p(raw / size_factor[:, None])  # float64, like adata.X after normalize + log1p
    print(ZINBAutoencoder(x.shape[1]).pretrain_autoencoder(x, raw, size_factor))
