# source: https://github.com/pytorch/pytorch/issues/46821 https://github.com/pytorch/pytorch/issues/100243
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# shape: helper, loader-loop
# looks-like: parallel-wrap-before-placement
# cpu: clean
# needs: torch
import os

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
os.environ.setdefault("MASTER_PORT", "29537")
os.environ.setdefault("RANK", "0")
os.environ.setdefault("WORLD_SIZE", "1")
os.environ.setdefault("LOCAL_RANK", "0")


def build_model():
    return nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 5))


def wrap_model(model, rank):
    if torch.cuda.is_available():
        return DDP(model.to(rank), device_ids=[rank], output_device=rank)
    return DDP(model)  # CPU / gloo: no device_ids


def main():
    rank = int(os.environ["LOCAL_RANK"])
    use_cuda = torch.cuda.is_available()
    if use_cuda:
        torch.cuda.set_device(rank)
    dist.init_process_group("nccl" if use_cuda else "gloo")
    device = torch.device("cuda", rank) if use_cuda else torch.device("cpu")

    model = wrap_model(build_model(), rank)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    data = TensorDataset(torch.randn(64, 32), torch.randint(0, 5, (64,)))
    for x, y in DataLoader(data, batch_size=16, sampler=DistributedSampler(data)):
        x, y = x.to(device), y.to(device)
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print("loss", loss.item())
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
