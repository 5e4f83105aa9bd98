# source: https://github.com/pytorch/pytorch/issues/41839
# error: none (correct look-alike)
# pattern: optimizer-state-before-placement
# shape: class, loader-loop
# looks-like: optimizer-state-before-placement
# cpu: clean
# needs: torch
import os
import tempfile

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class Trainer:
    def __init__(self, model, device, lr=1e-3):
        self.device = device
        self.model = model
        self.model.to(device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.scheduler = torch.optim.lr_scheduler.StepLR(self.optimizer, step_size=10)

    def state_dict(self):
        return {"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
                "lr_scheduler": self.scheduler.state_dict()}

    def resume(self, path):
        checkpoint = torch.load(path, map_location=torch.device("cpu"))
        self.model.load_state_dict(checkpoint["model"])
        self.optimizer.load_state_dict(checkpoint["optimizer"])
        self.scheduler.load_state_dict(checkpoint["lr_scheduler"])

    def fit(self, loader, epochs=1):
        self.model.train()
        for _ in range(epochs):
            for x, y in loader:
                x, y = x.to(self.device), y.to(self.device)
                loss = nn.functional.mse_loss(self.model(x), y)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
            self.scheduler.step()
        return loss.item()


def make_model():
    return nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = TensorDataset(torch.randn(64, 8), torch.randn(64, 1))
    loader = DataLoader(data, batch_size=16, shuffle=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "ckpt.pt")
        first = Trainer(make_model(), device)
        first.fit(loader)
        torch.save(first.state_dict(), path)
        second = Trainer(make_model(), device)
        second.resume(path)
        print(second.fit(loader, epochs=2))
