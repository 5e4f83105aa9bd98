# source: https://github.com/initze/thaw-slump-segmentation/pull/18
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# shape: class, loader-loop
# looks-like: loss-target-dtype
# needs: torch, segmentation_models_pytorch
# cpu: no written where torch was not installed; not run
from typing import Optional

import segmentation_models_pytorch as smp
import torch
import torch.nn.functional as F
from torch import nn


class SoftBCEWithLogitsLoss(nn.Module):
    def __init__(self, ignore_index: Optional[int] = -100, smooth_factor: Optional[float] = 0.1):
        super().__init__()
        self.ignore_index = ignore_index
        self.smooth_factor = smooth_factor

    def forward(self, y_pred, y_true):
        y_true = y_true.float()
        if self.smooth_factor is not None:
            soft_targets = (1 - y_true) * self.smooth_factor + y_true * (1 - self.smooth_factor)
        else:
            soft_targets = y_true
        loss = F.binary_cross_entropy_with_logits(y_pred, soft_targets, reduction="none")
        if self.ignore_index is not None:
            loss = loss * (y_true != self.ignore_index).type_as(loss)
        return loss.mean()


class Engine:
    def __init__(self, train_loader, n_bands=5, lr=1e-3):
        self.dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = smp.Unet("resnet34", in_channels=n_bands, classes=1, encoder_weights=None).to(self.dev)
        self.loss_function = SoftBCEWithLogitsLoss().to(self.dev)
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=lr)
        self.train_loader = train_loader
        self.epoch = 0

    def train_epoch(self):
        self.epoch += 1
        self.model.train(True)
        total, correct, seen = 0.0, 0, 0
        for img, target in self.train_loader:
            img = img.to(self.dev, torch.float)
            target = target.to(self.dev, torch.long, non_blocking=True)
            self.opt.zero_grad()
            y_hat = self.model(img).squeeze(1)
            loss = self.loss_function(y_hat, target)
            loss.backward()
            self.opt.step()
            with torch.no_grad():
                correct += ((y_hat > 0).long() == target).sum().item()
                seen += target.numel()
                total += loss.item()
        print(f"epoch {self.epoch}: loss={total / max(len(self.train_loader), 1):.4f} acc={correct / max(seen, 1):.4f}")


if __name__ == "__main__":
    from torch.utils.data import DataLoader, TensorDataset
    imgs = torch.rand(32, 5, 256, 256)
    masks = (torch.rand(32, 256, 256) > 0.9).long()
    engine = Engine(DataLoader(TensorDataset(imgs, masks), batch_size=8, shuffle=True))
    for _ in range(3):
        engine.train_epoch()
