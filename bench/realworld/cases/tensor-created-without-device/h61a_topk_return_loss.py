# source: https://github.com/Lightning-AI/pytorch-lightning/issues/17299
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, loader-loop
# bug-lines: 30
# needs: torch, pytorch_lightning, numpy
# cpu: no written where torch was not installed; not run
"""Cross-sectional return forecaster: ranks stocks by next-day return.

The custom loss up-weights the stocks the model puts in its top decile, because
those are the ones the portfolio will actually buy.
"""
import numpy as np
import torch
import torch.nn as nn
import pytorch_lightning as pl
from torch.utils.data import DataLoader, TensorDataset


class TopDecileWeightedLoss(nn.Module):
    def __init__(self, alpha=5.0, top_frac=0.1):
        super().__init__()
        self.alpha = alpha
        self.top_frac = top_frac

    def forward(self, y_pred, y_true):
        sq_err = (y_true - y_pred) ** 2
        k = max(1, int(y_pred.size(0) * self.top_frac))
        threshold = torch.topk(y_pred, k).values[-1]
        weights = torch.ones(y_pred.size(0), dtype=torch.float32)
        weights = weights + (self.alpha - 1.0) * (y_pred >= threshold).float()
        return (weights * sq_err).mean()


class ReturnRanker(pl.LightningModule):
    def __init__(self, n_factors, hidden=64, lr=1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.net = nn.Sequential(
            nn.Linear(n_factors, hidden), nn.GELU(),
            nn.Linear(hidden, hidden), nn.GELU(),
            nn.Linear(hidden, 1),
        )
        self.criterion = TopDecileWeightedLoss(alpha=5.0)

    def forward(self, x):
        return self.net(x).squeeze(-1)

    def training_step(self, batch, batch_idx):
        factors, fwd_ret = batch
        loss = self.criterion(self(factors), fwd_ret)
        self.log("train_loss", loss, prog_bar=True)
        return loss

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)


def load_panel(path="factors_2023.npz"):
    panel = np.load(path)
    x = torch.from_numpy(panel["factors"]).float()
    y = torch.from_numpy(panel["fwd_return"]).float()
    return DataLoader(TensorDataset(x, y), batch_size=512, shuffle=True)


if __name__ == "__main__":
    loader = load_panel()
    model = ReturnRanker(n_factors=loader.dataset.tensors[0].shape[1])
    trainer = pl.Trainer(accelerator="gpu", devices=1, max_epochs=20)
    trainer.fit(model, loader)
