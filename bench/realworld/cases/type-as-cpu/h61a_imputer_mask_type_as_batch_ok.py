# source: https://github.com/Lightning-AI/pytorch-lightning/issues/14554
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-as-cpu
# shape: class, batch-dict, helper
# looks-like: type-as-cpu
# needs: torch, pytorch_lightning
# cpu: no written where torch was not installed; not run
"""Self-supervised imputer for multivariate sensor series (masked reconstruction).

New tensors are created in the step and matched to the incoming batch with type_as,
as the Lightning multi-GPU guide recommended at the time.
"""
import torch
import torch.nn as nn
import pytorch_lightning as pl


def artificial_missing(values, observed, rate):
    draw = torch.rand(values.shape).type_as(values)
    hide = (draw < rate) & observed.bool()
    return hide


class TransformerImputer(pl.LightningModule):
    def __init__(self, n_features, d_model=64, n_layers=2, mask_rate=0.2):
        super().__init__()
        self.save_hyperparameters()
        self.inp = nn.Linear(2 * n_features, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.out = nn.Linear(d_model, n_features)

    def forward(self, values, observed):
        h = self.inp(torch.cat([values * observed, observed], dim=-1))
        return self.out(self.encoder(h))

    def training_step(self, batch, batch_idx):
        values, observed = batch["values"], batch["observed"]
        hide = artificial_missing(values, observed, self.hparams.mask_rate)
        visible = observed * (~hide).type_as(observed)
        recon = self(values, visible)
        target_mask = hide.type_as(values)
        denom = torch.clamp(target_mask.sum(), min=1.0)
        loss = ((recon - values) ** 2 * target_mask).sum() / denom
        self.log("masked_mse", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        values, observed = batch["values"], batch["observed"]
        zero_fill = torch.zeros(values.shape).type_as(values)
        recon = self(torch.where(observed.bool(), values, zero_fill), observed)
        err = ((recon - values) ** 2 * observed).sum() / observed.sum()
        self.log("val_mse", err, sync_dist=True)

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=5e-4)
