# source: https://github.com/unit8co/darts/pull/449
# error: RuntimeError: All input tensors must be on the same device. Received cuda:0 and cpu
# pattern: inputs-not-moved
# shape: class, loader-loop, batch-dict
# looks-like: inputs-not-moved
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class TorchForecastingModel:
    def __init__(self, input_chunk_length=12, output_chunk_length=3):
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.model = nn.Sequential(nn.Linear(input_chunk_length, 32), nn.ReLU(), nn.Linear(32, output_chunk_length))
        self.model = self.model.to(self.device)
        self.criterion = nn.MSELoss()
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)

    def _to_device(self, batch):
        return tuple(t.to(self.device) if isinstance(t, torch.Tensor) else t for t in batch)

    def fit(self, train_loader, val_loader, epochs=2):
        for epoch in range(epochs):
            self.model.train()
            for batch in train_loader:
                data, target = self._to_device(batch)
                loss = self.criterion(self.model(data), target)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
            print(f"epoch {epoch}: val {self._evaluate_validation_loss(val_loader):.4f}")

    def _evaluate_validation_loss(self, val_loader):
        total_loss = 0.0
        self.model.eval()
        with torch.no_grad():
            for batch in val_loader:
                input_series, target = self._to_device(batch)
                output = self.model(input_series)
                total_loss += self.criterion(output, target).item()
        return total_loss / len(val_loader)


if __name__ == "__main__":
    windows = torch.sin(torch.linspace(0, 20, 400)).unfold(0, 15, 1)
    train_dl = DataLoader(TensorDataset(windows[:300, :12], windows[:300, 12:]), batch_size=16, shuffle=True)
    val_dl = DataLoader(TensorDataset(windows[300:, :12], windows[300:, 12:]), batch_size=16)
    TorchForecastingModel().fit(train_dl, val_dl)
