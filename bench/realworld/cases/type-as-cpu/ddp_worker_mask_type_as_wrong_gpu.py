# source: https://github.com/pyro-ppl/pyro/pull/926
# error: (thread shows the behaviour, no traceback) RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: type-as-cpu
# shape: class, helper
# bug-lines: 25
# cpu: clean
# needs: torch
import os

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP


class MaskedPooling(nn.Module):
    def __init__(self, dim=16, num_classes=4):
        super().__init__()
        self.encoder = nn.Linear(dim, dim)
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x, lengths):
        b, n, _ = x.shape
        mask = torch.arange(n).expand(b, n).type_as(x)
        mask = (mask < lengths[:, None]).type_as(x)
        h = torch.relu(self.encoder(x)) * mask[..., None]
        return self.head(h.sum(1) / mask.sum(1, keepdim=True))


def worker(rank, world_size):
    if world_size > 1:
        os.environ.setdefault("MASTER_ADDR", "localhost")
        os.environ.setdefault("MASTER_PORT", "29511")
        dist.init_process_group("nccl", rank=rank, world_size=world_size)
        device = torch.device(f"cuda:{rank}")
    else:
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MaskedPooling().to(device)
    if world_size > 1:
        model = DDP(model, device_ids=[rank])
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for step in range(2):
        x = torch.randn(8, 12, 16, device=device)
        lengths = torch.randint(1, 13, (8,), device=device)
        y = torch.randint(0, 4, (8,), device=device)
        loss = nn.functional.cross_entropy(model(x, lengths), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    if world_size > 1:
        dist.destroy_process_group()


if __name__ == "__main__":
    world_size = torch.cuda.device_count()
    if world_size > 1:
        mp.spawn(worker, args=(world_size,), nprocs=world_size)
    else:
        worker(0, 1)
