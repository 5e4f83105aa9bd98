# `.type_as(t)` takes t's device too: the labels, moved with the batch, go back to
# the CPU with the type of a CPU column and meet the GPU logits in the loss.
import torch
from torch import nn


def train(model, loader, device):
    criterion = nn.BCEWithLogitsLoss()
    for batch in loader:
        features = batch["features"].to(device)
        labels = batch["label"].to(device).type_as(batch["features"])  # expect: TL204:44 lines=19,18,12
        loss = criterion(model(features), labels)
        loss.backward()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = nn.Linear(8, 1).to(device)
    loader = [{"features": torch.randn(4, 8), "label": torch.randint(0, 2, (4, 1))}]
    train(model, loader, device)
