# source: https://github.com/WenjieDu/PyPOTS/pull/563
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0!
# pattern: hard-coded-cuda
# shape: class, loader-loop, batch-dict
# bug-lines: 49
# cpu: raises "Torch not compiled with CUDA enabled"
# needs: torch
import argparse
from typing import Iterable

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def load_incomplete_series(n_samples=64, n_steps=24, n_features=5, missing_rate=0.1):
    X = torch.randn(n_samples, n_steps, n_features)
    missing_mask = (torch.rand_like(X) > missing_rate).float()
    return TensorDataset(torch.arange(n_samples), X * missing_mask, missing_mask)


class _GRUImputerCore(nn.Module):
    def __init__(self, n_features, d_model=32):
        super().__init__()
        self.gru = nn.GRU(n_features * 2, d_model, batch_first=True)
        self.out = nn.Linear(d_model, n_features)

    def forward(self, X, missing_mask):
        h, _ = self.gru(torch.cat([X, missing_mask], dim=-1))
        return self.out(h)


class BaseImputer:
    def __init__(self, n_features, epochs=2, device="cpu"):
        self.epochs, self.device = epochs, device
        self.model = _GRUImputerCore(n_features)
        self._setup_device()

    def _setup_device(self):
        if isinstance(self.device, list):
            self.model = nn.DataParallel(self.model.to(self.device[0]), device_ids=self.device)
        else:
            self.model = self.model.to(self.device)

    def _send_data_to_given_device(self, data) -> Iterable:
        if isinstance(self.device, torch.device):
            data = map(lambda x: x.to(self.device), data)
        else:
            data = map(lambda x: x.cuda(), data)
        return data

    def _assemble_input_for_training(self, data) -> dict:
        indices, X, missing_mask = self._send_data_to_given_device(data)
        return {"indices": indices, "X": X, "missing_mask": missing_mask}

    def fit(self, train_loader):
        optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        for epoch in range(self.epochs):
            epoch_loss = 0.0
            for data in train_loader:
                inputs = self._assemble_input_for_training(data)
                reconstruction = self.model(inputs["X"], inputs["missing_mask"])
                loss = (((reconstruction - inputs["X"]) * inputs["missing_mask"]) ** 2).mean()
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                epoch_loss += loss.item()
            print(f"epoch {epoch}: training MSE {epoch_loss / len(train_loader):.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:2" if torch.cuda.device_count() > 2 else
                        ("cuda" if torch.cuda.is_available() else "cpu"))
    args = parser.parse_args()
    imputer = BaseImputer(n_features=5, device=args.device)
    imputer.fit(DataLoader(load_incomplete_series(), batch_size=16, shuffle=True))
