# source: https://github.com/Lightning-AI/torchmetrics/issues/181
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 24, 41
# needs: torch, pytorch_lightning, torchmetrics
# cpu: no written where torch was not installed; not run
"""LightningModule wrapper that logs whichever metrics the run config names."""
import argparse

import pytorch_lightning as pl
import torch
import torch.nn.functional as F

import metrics


class BaseLitModel(pl.LightningModule):
    def __init__(self, model, args: argparse.Namespace = None):
        super().__init__()
        self.model = model
        self.lr = getattr(args, "lr", 1e-3)
        names = getattr(args, "metrics", None) or metrics.DEFAULT_METRICS
        self.val_metrics = {f"val_{name}": getattr(metrics, name) for name in names}

    def forward(self, x):
        return self.model(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        self.log("val_loss", F.cross_entropy(logits, y), prog_bar=True)
        probs = logits.softmax(dim=-1)
        for key, metric in self.val_metrics.items():
            metric.update(probs, y)

    def on_validation_epoch_end(self):
        for key, metric in self.val_metrics.items():
            self.log(key, metric.compute())
            metric.reset()

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr)
