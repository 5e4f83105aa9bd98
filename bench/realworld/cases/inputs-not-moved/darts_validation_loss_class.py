# source: https://github.com/unit8co/darts/issues/413 https://github.com/unit8co/darts/pull/449
# error: RuntimeError: All input tensors must be on the same device. Received cuda:0 and cpu
# pattern: inputs-not-moved
# shape: class, loader-loop, batch-dict
# bug-lines: 47, 48
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class TorchForecastingModel:
    def __init__(self, input_chunk_length=12, output_chunk_length=3, n_epochs=2):
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.model = nn.Sequential(
            nn.Flatten(), nn.Linear(input_chunk_length, 32), nn.ReLU(), nn.Linear(32, output_chunk_length)
        ).to(self.device)
        self.criterion = nn.MSELoss()
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.n_epochs = n_epochs

    def fit_from_dataset(self, train_dataset, val_dataset=None):
        train_loader = DataLoader(train_dataset, batch_size=16, shuffle=True)
        val_loader = DataLoader(val_dataset, batch_size=16) if val_dataset is not None else None
        self._train(train_loader, val_loader)

    def _train(self, train_loader, val_loader):
        for epoch in range(self.n_epochs):
            self.model.train()
            for train_batch in train_loader:
                data, target = (t.to(self.device) for t in train_batch)
                output = self.model(data)
                loss = self.criterion(output, target)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
            if val_loader is not None:
                validation_loss = self._evaluate_validation_loss(val_loader)
                print(f"epoch {epoch}: val {validation_loss:.4f}")

    def _evaluate_validation_loss(self, val_loader):
        total_loss = 0.0
        self.model.eval()
        with torch.no_grad():
            for batch in val_loader:
                input_series, target = batch
                output = self.model(input_series)
                total_loss += self.criterion(output, target).item()
        return total_loss / len(val_loader)


if __name__ == "__main__":
    series = torch.sin(torch.linspace(0, 20, 400))
    windows = series.unfold(0, 15, 1)
    inputs, targets = windows[:, :12], windows[:, 12:]
    train_ds = TensorDataset(inputs[:300], targets[:300])
    val_ds = TensorDataset(inputs[300:], targets[300:])
    TorchForecastingModel().fit_from_dataset(train_ds, val_ds)
