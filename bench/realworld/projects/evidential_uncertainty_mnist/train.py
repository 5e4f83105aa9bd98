# source: https://github.com/dougbrion/pytorch-classification-uncertainty/issues/18
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop
# cpu: clean
# needs: torch
import argparse

import torch
from torch.utils.data import DataLoader, Dataset

from helpers import get_device, one_hot_embedding
from losses import edl_mse_loss
from models import LeNet


class RandomDigits(Dataset):
    def __init__(self, n=64):
        self.images = torch.rand(n, 1, 28, 28)
        self.labels = torch.randint(0, 10, (n,))

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return self.images[idx], self.labels[idx]


def train_model(model, dataloader, num_classes, criterion, optimizer, num_epochs, device):
    model.train()
    for epoch in range(num_epochs):
        running_loss, correct = 0.0, 0
        for inputs, labels in dataloader:
            inputs = inputs.to(device)
            labels = labels.to(device)
            optimizer.zero_grad()
            y = one_hot_embedding(labels, num_classes)
            y = y.to(device)
            outputs = model(inputs)
            loss = criterion(outputs, y.float(), epoch, num_classes, 10, device)
            loss.backward()
            optimizer.step()
            running_loss += loss.item() * inputs.size(0)
            correct += (outputs.argmax(dim=1) == labels).sum().item()
        n = len(dataloader.dataset)
        print(f"epoch {epoch}: loss {running_loss / n:.4f} acc {correct / n:.3f}")
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--dropout", action="store_true")
    args = parser.parse_args()
    device = get_device()
    model = LeNet(dropout=args.dropout).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0.005)
    loader = DataLoader(RandomDigits(), batch_size=16, shuffle=True)
    train_model(model, loader, 10, edl_mse_loss, optimizer, args.epochs, device)


if __name__ == "__main__":
    main()
