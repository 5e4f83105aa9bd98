# source: https://github.com/torchgeo/terratorch/issues/632
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Float'
# pattern: loss-target-dtype
# shape: class, batch-dict, helper
# bug-lines: 19, 51
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

RHYTHMS = ["N", "A", "O", "~"]  # normal, AF, other rhythm, noisy (single-lead ECG)


class LossHandler:
    def __init__(self, prefix):
        self.prefix = prefix

    def compute_loss(self, logits, target, criterion):
        loss = criterion(logits, target)
        return {f"{self.prefix}loss": loss}


class ResNet1d(nn.Module):
    def __init__(self, n_classes=4, width=64):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv1d(1, width, 15, stride=2, padding=7), nn.BatchNorm1d(width), nn.ReLU())
        self.blocks = nn.Sequential(*[
            nn.Sequential(nn.Conv1d(width, width, 9, padding=4), nn.BatchNorm1d(width), nn.ReLU(), nn.MaxPool1d(2))
            for _ in range(4)
        ])
        self.head = nn.Linear(width, n_classes)

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)).mean(-1))


class RhythmClassificationTask(nn.Module):
    def __init__(self, class_weights=None):
        super().__init__()
        self.model = ResNet1d(n_classes=len(RHYTHMS))
        self.criterion = nn.CrossEntropyLoss(weight=class_weights)
        self.train_loss_handler = LossHandler("train/")
        self.val_loss_handler = LossHandler("val/")

    def forward(self, x):
        return self.model(x)

    def _shared_step(self, batch, handler):
        y = batch["label"]
        logits = self(batch["ecg"])
        losses = handler.compute_loss(logits, y.to(torch.float32), self.criterion)
        acc = (logits.argmax(1) == y).float().mean()
        return losses, acc

    def training_step(self, batch):
        losses, _ = self._shared_step(batch, self.train_loss_handler)
        return losses["train/loss"]

    @torch.no_grad()
    def validation_step(self, batch):
        losses, acc = self._shared_step(batch, self.val_loss_handler)
        return losses["val/loss"].item(), acc.item()

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=1e-3, weight_decay=1e-2)


def fit(task, train_loader, val_loader, epochs=30, device="cuda"):
    task.to(device)
    opt = task.configure_optimizers()
    for epoch in range(epochs):
        task.train()
        for batch in train_loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            opt.zero_grad()
            task.training_step(batch).backward()
            opt.step()
        task.eval()
        scores = [task.validation_step({k: v.to(device) for k, v in b.items()}) for b in val_loader]
        print(epoch, sum(s[1] for s in scores) / len(scores))
