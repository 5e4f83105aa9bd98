# source: https://github.com/AllenInstitute/aics-ml-segmentation/issues/3
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: hard-coded-cuda
# shape: class, loader-loop
# bug-lines: 41, 42
# needs: torch, numpy, yaml
# cpu: no written where torch was not installed; not run
"""Config-driven trainer for 3D fluorescence-microscopy structure segmentation."""
import numpy as np
import torch
import torch.nn as nn
import yaml
from torch.utils.data import DataLoader, Dataset


class PatchDataset(Dataset):
    def __init__(self, n=40, size=(16, 64, 64)):
        self.images = np.random.rand(n, 1, *size).astype(np.float32)
        self.masks = (np.random.rand(n, *size) > 0.7).astype(np.int64)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        return torch.from_numpy(self.images[idx]), torch.from_numpy(self.masks[idx])


class ModelTrainer:
    def __init__(self, model, config):
        self.config = config
        self.device = torch.device(config.get("device", "cuda"))
        self.model = model.to(self.device)
        self.criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0], device=self.device))
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=config["lr"])
        print(f"Sending the model to '{self.device}'")

    def train_epoch(self, loader):
        self.model.train()
        total = 0.0
        for inputs, targets in loader:
            inputs = inputs.cuda()
            targets = targets.cuda()
            outputs = self.model(inputs)
            loss = self.criterion(outputs, targets)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            total += loss.item()
        return total / max(len(loader), 1)

    def train(self, loader):
        for epoch in range(self.config["epochs"]):
            print(f"epoch {epoch}: loss={self.train_epoch(loader):.4f}")
            torch.save(self.model.state_dict(), f"checkpoint_epoch_{epoch}.pytorch")


def main(config_path="train_config.yaml"):
    with open(config_path) as fh:
        config = yaml.safe_load(fh)  # e.g. {device: cpu, lr: 0.0001, epochs: 5}
    net = nn.Sequential(
        nn.Conv3d(1, 8, 3, padding=1), nn.ReLU(),
        nn.Conv3d(8, 8, 3, padding=1), nn.ReLU(),
        nn.Conv3d(8, 2, 1),
    )
    loader = DataLoader(PatchDataset(), batch_size=4, shuffle=True, num_workers=2)
    ModelTrainer(net, config).train(loader)


if __name__ == "__main__":
    main()
