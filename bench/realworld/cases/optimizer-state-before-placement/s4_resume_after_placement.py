# source: https://github.com/Lightning-AI/pytorch-lightning/issues/19225
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, helper, loader-loop
# looks-like: optimizer-state-before-placement
# cpu: clean
# needs: torch
import os
import tempfile

import torch
import torch.nn as nn


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(10, 32), nn.Tanh(), nn.Linear(32, 1))

    def forward(self, x):
        return self.net(x)


class Runner:
    def __init__(self, ckpt_path, device=None):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.ckpt_path = ckpt_path
        self.model = Regressor()
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=1e-3)
        self.model.to(self.device)
        self.epoch = 0

    def restore(self):
        if not os.path.exists(self.ckpt_path):
            return
        state = torch.load(self.ckpt_path, map_location="cpu")
        self.model.load_state_dict(state["model"])
        # parameters already live on self.device, so the state is cast onto it
        self.optimizer.load_state_dict(state["optim"])
        self.epoch = state["epoch"] + 1

    def save(self):
        torch.save({"model": self.model.state_dict(), "optim": self.optimizer.state_dict(),
                    "epoch": self.epoch}, self.ckpt_path)

    def run_epoch(self, batches):
        for x, y in batches:
            x, y = x.to(self.device), y.to(self.device)
            loss = nn.functional.mse_loss(self.model(x), y)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        self.save()
        self.epoch += 1
        return loss.item()


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(), "runner.pt")
    data = [(torch.randn(16, 10), torch.randn(16, 1)) for _ in range(4)]
    first = Runner(path)
    first.run_epoch(data)
    second = Runner(path)
    second.restore()
    print(second.epoch, second.run_epoch(data))
