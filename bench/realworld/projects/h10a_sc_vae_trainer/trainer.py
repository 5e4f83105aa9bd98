# source: https://github.com/LiQian-XC/sctour/issues/14
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: multi-file, class, loader-loop
# bug-lines: 22, 35, 47
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from model import ExpressionVAE, vae_loss


class Trainer:
    def __init__(self, expr, n_latent=5, batch_size=1024, lr=1e-3, nepoch=400, device=None):
        if not isinstance(expr, np.ndarray):
            expr = np.asarray(expr)
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.nepoch = nepoch
        self.n_cells, self.n_genes = expr.shape
        self.X = torch.from_numpy(expr)
        self.loader = DataLoader(TensorDataset(self.X), batch_size=batch_size, shuffle=True)
        self.model = ExpressionVAE(self.n_genes, n_latent).to(self.device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr, eps=0.01, weight_decay=1e-6)
        self.log = []

    def train(self):
        self.model.train()
        for epoch in range(self.nepoch):
            total = 0.0
            for (xb,) in self.loader:
                xb = xb.to(self.device)
                self.optimizer.zero_grad()
                recon, mu, logvar, _ = self.model(xb)
                loss = vae_loss(recon, xb, mu, logvar)
                loss.backward()
                self.optimizer.step()
                total += loss.item() * xb.size(0)
            self.log.append(total / self.n_cells)
            if epoch % 50 == 0:
                print(f"epoch {epoch:4d}  loss {self.log[-1]:.4f}")

    @torch.no_grad()
    def get_time(self):
        self.model.eval()
        _, _, _, t = self.model(self.X.to(self.device))
        return t.cpu().numpy()
