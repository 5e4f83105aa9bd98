# source: https://github.com/pytorch/benchmark/pull/838
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# looks-like: parallel-wrap-before-placement
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run

import torch
import torch.distributed as dist
import torch.nn as nn

from moco import MoCo


class Model:
    """Benchmark harness entry: builds MoCo, places it, then wraps it for DDP."""

    def __init__(self, test="train", device="cuda", batch_size=32, port=10001):
        if not dist.is_initialized():
            dist.init_process_group(backend="nccl", init_method=f"tcp://localhost:{port}", world_size=1, rank=0)
        self.device = torch.device(device)
        self.test = test
        model = MoCo(dim=128, K=4096)
        model = model.to(self.device)
        self.model = nn.parallel.DistributedDataParallel(model, device_ids=[0])
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.03, momentum=0.9, weight_decay=1e-4)
        self.criterion = nn.CrossEntropyLoss().to(self.device)
        self.example_inputs = (
            torch.randn(batch_size, 3, 224, 224, device=self.device),
            torch.randn(batch_size, 3, 224, 224, device=self.device),
        )

    def train(self, niter=1):
        self.model.train()
        for _ in range(niter):
            logits, labels = self.model(*self.example_inputs)
            loss = self.criterion(logits, labels)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        return loss.item()

    def eval(self):
        self.model.eval()
        with torch.no_grad():
            logits, _ = self.model(*self.example_inputs)
        return logits.argmax(dim=1)
