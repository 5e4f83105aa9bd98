# source: https://github.com/ludwig-ai/ludwig/pull/3566
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, top-level
# bug-lines: 45
# needs: torch
# cpu: no written where torch was not installed; not run

# launch with: torchrun --nproc_per_node=4 train.py

import torch
import torch.nn as nn
from torch.utils.data import Dataset

from strategy import DDPStrategy
from trainer import Trainer


class TabularDataset(Dataset):
    def __init__(self, path):
        data = torch.load(path, map_location="cpu")
        self.features = data["features"].float()
        self.labels = data["label"].long()

    def __len__(self):
        return self.labels.shape[0]

    def __getitem__(self, idx):
        return {"features": self.features[idx], "label": self.labels[idx]}


class ConcatCombinerModel(nn.Module):
    def __init__(self, in_features, num_classes, hidden=256):
        super().__init__()
        self.combiner = nn.Sequential(nn.Linear(in_features, hidden), nn.ReLU(), nn.Dropout(0.1))
        self.output = nn.Linear(hidden, num_classes)

    def forward(self, x):
        return self.output(self.combiner(x))


if __name__ == "__main__":
    strategy = DDPStrategy(backend="nccl")
    train_set = TabularDataset("data/train.pt")
    model = ConcatCombinerModel(train_set.features.shape[1], int(train_set.labels.max()) + 1)
    trainer = Trainer(model, strategy, lr=3e-4, epochs=10)
    trained = trainer.train(train_set)
    if strategy.is_coordinator():
        torch.save(trained.state_dict(), "results/model.pt")
    strategy.shutdown()
