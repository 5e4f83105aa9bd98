# source: https://github.com/tsugumi-sys/SA-ConvLSTM-Pytorch/pull/26
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: inputs-not-moved
# shape: class, loader-loop
# bug-lines: 60, 61
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class Trainer:
    """Train/validate loop for a frame-prediction ConvLSTM (seq -> next frames)."""

    def __init__(self, model: nn.Module, train_loader: DataLoader, valid_loader: DataLoader,
                 epochs: int = 10, lr: float = 1e-3, ckpt_path: str = "convlstm.pt"):
        self.model = model.to(DEVICE)
        self.train_loader = train_loader
        self.valid_loader = valid_loader
        self.epochs = epochs
        self.ckpt_path = ckpt_path
        self.loss_fn = nn.BCELoss()
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.history = {"train_loss": [], "valid_loss": []}

    def fit(self):
        best = float("inf")
        for epoch in range(self.epochs):
            train_loss = self._train_one_epoch()
            valid_loss = self._validate()
            self.history["train_loss"].append(train_loss)
            self.history["valid_loss"].append(valid_loss)
            print(f"[{epoch:03d}] train={train_loss:.5f} valid={valid_loss:.5f}")
            if valid_loss < best:
                best = valid_loss
                torch.save(self.model.state_dict(), self.ckpt_path)
        return self.history

    def _train_one_epoch(self) -> float:
        self.model.train()
        running = 0.0
        for frames, target in self.train_loader:
            frames, target = frames.to(DEVICE), target.to(DEVICE)
            self.optimizer.zero_grad()
            pred = self.model(frames)
            loss = self.loss_fn(pred.flatten(), target.flatten())
            loss.backward()
            self.optimizer.step()
            running += loss.item()
        return running / len(self.train_loader)

    def _validate(self) -> float:
        # a single validation batch is enough to track progress on moving-MNIST
        self.model.eval()
        with torch.no_grad():
            frames, target = next(iter(self.valid_loader))
            pred = self.model(frames)
            loss = self.loss_fn(pred.flatten(), target.flatten())
        return loss.item()
