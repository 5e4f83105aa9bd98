# The step moves what it reads from the datamodule to its own device.
import lightning as L
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class ReadingsModule(L.LightningDataModule):
    def __init__(self, path):
        super().__init__()
        self.path = path

    def setup(self, stage=None):
        data = np.load(self.path)
        self.x = torch.from_numpy(data["x"]).float()
        self.y = torch.from_numpy(data["y"]).long()
        self.prior = torch.tensor(data["class_prior"], dtype=torch.float32)

    def train_dataloader(self):
        return DataLoader(TensorDataset(self.x, self.y), batch_size=128, shuffle=True)


class Classifier(L.LightningModule):
    def __init__(self, n_features, n_classes=5):
        super().__init__()
        self.net = nn.Linear(n_features, n_classes)

    def training_step(self, batch, batch_idx):
        x, y = batch
        logits = self.net(x) - self.trainer.datamodule.prior.to(self.device).log()
        return F.cross_entropy(logits, y)


if __name__ == "__main__":
    dm = ReadingsModule("readings.npz")
    dm.setup()  # (to read the number of features)
    model = Classifier(n_features=dm.x.shape[1])
    L.Trainer(accelerator="gpu", devices=1).fit(model, datamodule=dm)
