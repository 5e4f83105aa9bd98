# The worker sets its current GPU: the type's missing index picks the rank's GPU.
import torch
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP


class MaskedPooling(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, lengths):
        b, n, _ = x.shape
        mask = torch.arange(n).expand(b, n).type_as(x)
        return self.proj(x * (mask < lengths[:, None])[..., None])


def worker(rank, world_size):
    torch.distributed.init_process_group("nccl", rank=rank, world_size=world_size)
    torch.cuda.set_device(rank)
    device = torch.device(f"cuda:{rank}")
    model = DDP(MaskedPooling(16).to(device), device_ids=[rank])
    x = torch.randn(8, 12, 16, device=device)
    model(x, torch.randint(1, 13, (8,), device=device)).sum().backward()
