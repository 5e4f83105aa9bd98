# `.to(dtype)` of a tensor takes only its dtype: the labels stay with the batch
# on the device.
import torch
from torch import nn


def train(model, loader, device):
    criterion = nn.BCEWithLogitsLoss()
    for batch in loader:
        features = batch["features"].to(device)
        labels = batch["label"].to(device, batch["features"].dtype)
        loss = criterion(model(features), labels)
        loss.backward()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = nn.Linear(8, 1).to(device)
    loader = [{"features": torch.randn(4, 8), "label": torch.randint(0, 2, (4, 1))}]
    train(model, loader, device)
