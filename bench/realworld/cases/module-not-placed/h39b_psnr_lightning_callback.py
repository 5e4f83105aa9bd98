# source: https://github.com/Lightning-AI/torchmetrics/issues/1047
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: class, batch-dict
# bug-lines: 49, 52
# needs: torch, pytorch_lightning, torchmetrics
# cpu: no written where torch was not installed; not run
"""Denoising autoencoder whose reconstruction PSNR is tracked by a Lightning callback."""
import pytorch_lightning as pl
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset
from torchmetrics.image import PeakSignalNoiseRatio


class NoisyPatches(Dataset):
    def __init__(self, n=512, size=64):
        self.clean = torch.rand(n, 3, size, size)

    def __len__(self):
        return len(self.clean)

    def __getitem__(self, i):
        clean = self.clean[i]
        return {"image": clean, "noisy": (clean + 0.1 * torch.randn_like(clean)).clamp(0, 1)}


class DenoisingAE(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(),
                                 nn.Conv2d(32, 3, 3, padding=1), nn.Sigmoid())

    def training_step(self, batch, batch_idx):
        return nn.functional.mse_loss(self.net(batch["noisy"]), batch["image"])

    def validation_step(self, batch, batch_idx):
        recon = self.net(batch["noisy"])
        self.log("val_mse", nn.functional.mse_loss(recon, batch["image"]))
        return {"recon": recon}

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)


class ReconstructionPSNR(pl.Callback):
    def __init__(self, data_range=1.0):
        super().__init__()
        self.psnr = PeakSignalNoiseRatio(data_range=data_range)

    def on_validation_batch_end(self, trainer, pl_module, outputs, batch, batch_idx, dataloader_idx=0):
        self.psnr.update(outputs["recon"], batch["image"])

    def on_validation_epoch_end(self, trainer, pl_module):
        pl_module.log("val_psnr", self.psnr.compute())
        self.psnr.reset()


if __name__ == "__main__":
    train = DataLoader(NoisyPatches(), batch_size=32, shuffle=True)
    val = DataLoader(NoisyPatches(128), batch_size=32)
    trainer = pl.Trainer(accelerator="gpu", devices=1, max_epochs=5, callbacks=[ReconstructionPSNR()])
    trainer.fit(DenoisingAE(), train, val)
