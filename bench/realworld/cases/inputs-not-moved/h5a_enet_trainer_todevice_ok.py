# source: https://github.com/davidtvs/PyTorch-ENet/issues/32
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: class, helper, loader-loop, batch-dict
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class SegSamples(Dataset):
    def __len__(self):
        return 16

    def __getitem__(self, idx):
        return {"image": torch.rand(3, 64, 64), "label": torch.randint(0, 4, (64, 64))}


def to_device(batch, device):
    return {k: v.to(device, non_blocking=True) for k, v in batch.items()}


class Trainer:
    def __init__(self, model, loader, device):
        self.device = device
        self.model = model.to(device)
        self.loader = loader
        self.criterion = nn.CrossEntropyLoss()
        self.optim = torch.optim.Adam(self.model.parameters(), lr=5e-4)

    def train_one_epoch(self):
        self.model.train()
        total = 0.0
        for batch in self.loader:
            batch = to_device(batch, self.device)
            images, labels = batch["image"], batch["label"]
            outputs = self.model(images)
            loss = self.criterion(outputs, labels)
            self.optim.zero_grad()
            loss.backward()
            self.optim.step()
            total += loss.item()
        return total / len(self.loader)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 4, 1))
    loader = DataLoader(SegSamples(), batch_size=4, pin_memory=torch.cuda.is_available())
    trainer = Trainer(net, loader, device)
    for epoch in range(2):
        print(epoch, trainer.train_one_epoch())
