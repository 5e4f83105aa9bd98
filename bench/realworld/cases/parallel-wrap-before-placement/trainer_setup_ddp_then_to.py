# source: https://github.com/ultralytics/ultralytics/pull/15701
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: class, loader-loop
# bug-lines: 48, 49
# cpu: raises "DistributedDataParallel device_ids and output_device arguments only work"
# needs: torch
import os

import torch
import torch.distributed as dist
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

RANK = int(os.getenv("RANK", 0))
WORLD_SIZE = int(os.getenv("WORLD_SIZE", 1))
os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
os.environ.setdefault("MASTER_PORT", "29523")


def select_device(requested=""):
    if requested in ("cpu", "mps"):
        return torch.device(requested)
    return torch.device(f"cuda:{RANK}" if torch.cuda.is_available() else "cpu")


class DetectionTrainer:
    def __init__(self, cfg):
        self.cfg = cfg
        self.device = select_device(cfg.get("device", ""))
        self.model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.SiLU(),
                                   nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 4))

    def _setup_ddp(self):
        if self.device.type == "cuda":
            torch.cuda.set_device(RANK)
        dist.init_process_group(
            backend="nccl" if dist.is_nccl_available() and self.device.type == "cuda" else "gloo",
            rank=RANK,
            world_size=WORLD_SIZE,
        )

    def _setup_train(self):
        if self.cfg.get("ddp", True):
            self._setup_ddp()
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=self.cfg.get("lr0", 0.01))
        if dist.is_initialized():
            self.model = nn.parallel.DistributedDataParallel(self.model, device_ids=[RANK], find_unused_parameters=True)
        self.model = self.model.to(self.device)
        data = TensorDataset(torch.randn(16, 3, 32, 32), torch.randn(16, 4))
        self.train_loader = DataLoader(data, batch_size=self.cfg.get("batch", 4))

    def train(self):
        self._setup_train()
        for imgs, targets in self.train_loader:
            imgs, targets = imgs.to(self.device), targets.to(self.device)
            loss = nn.functional.mse_loss(self.model(imgs), targets)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        if dist.is_initialized():
            dist.destroy_process_group()
        return loss.item()


if __name__ == "__main__":
    print(DetectionTrainer({"ddp": True, "batch": 4}).train())
