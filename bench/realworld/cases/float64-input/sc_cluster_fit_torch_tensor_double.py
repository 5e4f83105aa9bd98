# source: https://github.com/ttgump/scDCC/issues/2
# error: RuntimeError raised in torch._C._nn.linear(input, weight, bias) inside self.encoder (message cut off in the report)
# pattern: float64-input
# shape: class
# bug-lines: 50, 59
# cpu: raises "mat1 and mat2 must have the same dtype, but got Double and Float"
# needs: torch, numpy
import math

import numpy as np
import torch
import torch.nn as nn
from torch.nn import Parameter


def buildNetwork(layers, activation="relu"):
    net = []
    for i in range(1, len(layers)):
        net.append(nn.Linear(layers[i - 1], layers[i]))
        net.append(nn.ReLU() if activation == "relu" else nn.Sigmoid())
    return nn.Sequential(*net)


class scDCC(nn.Module):
    def __init__(self, input_dim, z_dim, n_clusters, encodeLayer=(32,), sigma=1.0, alpha=1.0):
        super().__init__()
        self.sigma, self.alpha = sigma, alpha
        self.encoder = buildNetwork([input_dim] + list(encodeLayer))
        self._enc_mu = nn.Linear(encodeLayer[-1], z_dim)
        self.mu = Parameter(torch.Tensor(n_clusters, z_dim))

    def soft_assign(self, z):
        q = 1.0 / (1.0 + torch.sum((z.unsqueeze(1) - self.mu) ** 2, dim=2) / self.alpha)
        q = q ** ((self.alpha + 1.0) / 2.0)
        return (q.t() / torch.sum(q, dim=1)).t()

    def forward(self, x):
        h = self.encoder(x + torch.randn_like(x) * self.sigma)
        z0 = self._enc_mu(self.encoder(x))
        return z0, self.soft_assign(z0)

    def encodeBatch(self, X, batch_size=256):
        if torch.cuda.is_available():
            self.cuda()
        encoded = []
        self.eval()
        num = X.shape[0]
        for batch_idx in range(int(math.ceil(1.0 * num / batch_size))):
            xbatch = X[batch_idx * batch_size: min((batch_idx + 1) * batch_size, num)]
            z, _ = self.forward(xbatch)
            encoded.append(z.data)
        return torch.cat(encoded, dim=0)

    def fit(self, X, y=None, num_epochs=2):
        """X: normalized expression matrix (adata.X)"""
        use_cuda = torch.cuda.is_available()
        if use_cuda:
            self.cuda()
        X = torch.tensor(X)
        if use_cuda:
            X = X.cuda()
        latent = self.encodeBatch(X)
        self.mu.data.copy_(latent[: self.mu.shape[0]])
        for epoch in range(num_epochs):
            latent = self.encodeBatch(X)
            y_pred = torch.argmax(self.soft_assign(latent), dim=1).cpu().numpy()
        return y_pred


if __name__ == "__main__":
    adata_X = np.log1p(np.random.poisson(1.0, size=(300, 50)))  # float64, like scanpy's adata.X
    model = scDCC(input_dim=adata_X.shape[1], z_dim=8, n_clusters=4)
    print(model.fit(adata_X)[:10])
