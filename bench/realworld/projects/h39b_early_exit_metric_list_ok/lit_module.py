# source: https://github.com/Lightning-AI/pytorch-lightning/issues/5627
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# looks-like: module-in-plain-container
# needs: torch, pytorch_lightning, torchmetrics
# cpu: no written where torch was not installed; not run
"""Dynamic-depth CNN: every stage has its own classifier head and its own metrics."""
import pytorch_lightning as pl
import torch
import torch.nn as nn
import torch.nn.functional as F

from metrics_factory import build_exit_metrics


class EarlyExitNet(pl.LightningModule):
    def __init__(self, num_classes=100, widths=(32, 64, 128)):
        super().__init__()
        stages, heads, cin = [], [], 3
        for w in widths:
            stages.append(nn.Sequential(nn.Conv2d(cin, w, 3, padding=1), nn.BatchNorm2d(w), nn.ReLU(),
                                        nn.MaxPool2d(2)))
            heads.append(nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(w, num_classes)))
            cin = w
        self.stages = nn.ModuleList(stages)
        self.heads = nn.ModuleList(heads)
        self.val_metrics = build_exit_metrics(len(widths), num_classes)

    def forward(self, x):
        outputs = []
        for stage, head in zip(self.stages, self.heads):
            x = stage(x)
            outputs.append(head(x))
        return outputs

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = sum(F.cross_entropy(logits, y) for logits in self(x))
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        for logits, metrics in zip(self(x), self.val_metrics):
            metrics.update(logits.softmax(dim=-1), y)

    def on_validation_epoch_end(self):
        for metrics in self.val_metrics:
            self.log_dict(metrics.compute())
            metrics.reset()

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.05, momentum=0.9)
