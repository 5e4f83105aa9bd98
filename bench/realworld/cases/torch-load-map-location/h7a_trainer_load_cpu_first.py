# source: https://github.com/lucidrains/imagen-pytorch/pull/190
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False.
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
from pathlib import Path

import torch
import torch.nn as nn


class UnetTrainer:
    def __init__(self, model, lr=1e-4, device=None):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.model = model.to(self.device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.steps = 0

    def save(self, path):
        pkg = {
            "model": self.model.state_dict(),
            "optim": self.optimizer.state_dict(),
            "steps": self.steps,
        }
        torch.save(pkg, str(path))

    def load(self, path, strict=True):
        path = Path(path)
        assert path.exists(), f"checkpoint not found at {path}"
        # map every storage to CPU first: we do not know where the network will run
        loaded = torch.load(str(path), map_location="cpu")
        self.model.load_state_dict(loaded["model"], strict=strict)
        self.optimizer.load_state_dict(loaded["optim"])
        self.steps = loaded.get("steps", 0)
        return loaded

    def train_step(self, images):
        images = images.to(self.device)
        noise = torch.randn_like(images)
        loss = nn.functional.mse_loss(self.model(images + noise), noise)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        self.steps += 1
        return loss.item()


if __name__ == "__main__":
    net = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.SiLU(), nn.Conv2d(32, 3, 3, padding=1))
    trainer = UnetTrainer(net)
    ckpt = Path("checkpoint.pt")
    if ckpt.exists():
        trainer.load(ckpt)
    for _ in range(10):
        print(trainer.train_step(torch.rand(4, 3, 64, 64)))
    trainer.save(ckpt)
