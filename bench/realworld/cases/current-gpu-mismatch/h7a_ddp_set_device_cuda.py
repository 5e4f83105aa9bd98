# source: https://github.com/pytorch/examples/pull/1142
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: class, helper, loader-loop
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributed import destroy_process_group, init_process_group
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler


def ddp_setup():
    init_process_group(backend="nccl")
    torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))


class Trainer:
    def __init__(self, model, loader, optimizer):
        self.local_rank = int(os.environ["LOCAL_RANK"])
        self.model = DDP(model.cuda(), device_ids=[self.local_rank])
        self.loader = loader
        self.optimizer = optimizer

    def _run_batch(self, x, y):
        x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
        logits = self.model(x)
        mask = torch.ones(y.shape[0], dtype=torch.bool).cuda()
        loss = F.cross_entropy(logits[mask], y[mask])
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def train(self, epochs):
        for epoch in range(epochs):
            self.loader.sampler.set_epoch(epoch)
            for x, y in self.loader:
                loss = self._run_batch(x, y)
            if self.local_rank == 0:
                print(f"epoch {epoch} loss {loss:.4f}")


def main():
    ddp_setup()
    ds = TensorDataset(torch.randn(2048, 32), torch.randint(0, 10, (2048,)))
    loader = DataLoader(ds, batch_size=64, sampler=DistributedSampler(ds), pin_memory=True)
    model = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    Trainer(model, loader, optimizer).train(epochs=5)
    destroy_process_group()


if __name__ == "__main__":
    main()  # torchrun --nproc_per_node=4 this_file.py
