# source: https://github.com/Clay-foundation/model/pull/95 https://github.com/Clay-foundation/model/pull/109
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop, batch-dict
# needs: torch, lightning
# cpu: no written where torch was not installed; not run

import lightning as L
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from model_clay import Encoder


class ChipDataset(Dataset):
    """Stand-in for the zarr/GeoTIFF datapipe: 6-band 256x256 chips."""

    def __init__(self, n_chips=512, bands=6, size=256):
        self.n_chips, self.bands, self.size = n_chips, bands, size

    def __len__(self):
        return self.n_chips

    def __getitem__(self, idx):
        g = torch.Generator().manual_seed(idx)
        return {
            "pixels": torch.randn(self.bands, self.size, self.size, generator=g),
            "latlon": torch.rand(2, generator=g),
        }


class CLAYModule(L.LightningModule):
    def __init__(self, lr=1e-4, mask_ratio=0.75, patch_size=32, dim=256):
        super().__init__()
        self.save_hyperparameters()
        self.encoder = Encoder(patch_size=patch_size, dim=dim, mask_ratio=mask_ratio)
        self.decoder = torch.nn.Linear(dim, 2 * patch_size * patch_size)

    def training_step(self, batch, batch_idx):
        encoded, masked, pixels = self.encoder(batch)
        pred = self.decoder(encoded)
        target = pixels.flatten(1, 2)
        loss = F.mse_loss(pred[masked], target[masked])
        self.log("train/loss", loss, prog_bar=True)
        return loss

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr, weight_decay=0.05)


if __name__ == "__main__":
    model = CLAYModule()
    loader = DataLoader(ChipDataset(), batch_size=8, shuffle=True, num_workers=4)
    trainer = L.Trainer(accelerator="gpu", devices=1, max_epochs=1, log_every_n_steps=10)
    trainer.fit(model, train_dataloaders=loader)
