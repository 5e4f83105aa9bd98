# source: https://github.com/Lightning-AI/pytorch-lightning/issues/11775
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-as-cpu
# shape: class, batch-dict
# bug-lines: 58
# needs: torch, pytorch_lightning, numpy
# cpu: no written where torch was not installed; not run
"""Denoising autoencoder for sensor anomaly detection (multi-GPU with Lightning).

The docs say "use type_as" for new tensors so they land on the right device; the
noise is matched to the dtype of the training matrix kept by the datamodule.
"""
import numpy as np
import torch
import torch.nn as nn
import pytorch_lightning as pl
from torch.utils.data import DataLoader, Dataset


class SensorWindows(Dataset):
    def __init__(self, matrix):
        self.matrix = matrix

    def __len__(self):
        return self.matrix.shape[0]

    def __getitem__(self, i):
        return {"x": self.matrix[i], "row": i}


class SensorDataModule(pl.LightningDataModule):
    def __init__(self, path, batch_size=256):
        super().__init__()
        self.path, self.batch_size = path, batch_size

    def setup(self, stage=None):
        raw = np.load(self.path)
        raw = (raw - raw.mean(0)) / (raw.std(0) + 1e-6)
        self.train_matrix = torch.from_numpy(raw).float()

    def train_dataloader(self):
        return DataLoader(SensorWindows(self.train_matrix), batch_size=self.batch_size, shuffle=True)


class DenoisingAE(pl.LightningModule):
    def __init__(self, n_features, bottleneck=16, noise_std=0.1):
        super().__init__()
        self.save_hyperparameters()
        self.encoder = nn.Sequential(nn.Linear(n_features, 64), nn.ReLU(), nn.Linear(64, bottleneck))
        self.decoder = nn.Sequential(nn.Linear(bottleneck, 64), nn.ReLU(), nn.Linear(64, n_features))

    def forward(self, x):
        return self.decoder(self.encoder(x))

    def training_step(self, batch, batch_idx):
        x = batch["x"]
        ref = self.trainer.datamodule.train_matrix
        noise = torch.randn(x.shape).type_as(ref) * self.hparams.noise_std
        recon = self(x + noise)
        loss = nn.functional.mse_loss(recon, x)
        self.log("recon_loss", loss, sync_dist=True)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)


if __name__ == "__main__":
    dm = SensorDataModule("pump_sensors.npy")
    dm.setup()
    model = DenoisingAE(n_features=dm.train_matrix.shape[1])
    pl.Trainer(accelerator="gpu", devices=2, strategy="ddp", max_epochs=30).fit(model, datamodule=dm)
