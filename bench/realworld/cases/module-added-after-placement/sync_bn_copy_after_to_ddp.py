# source: https://github.com/pytorch/pytorch/issues/37930 https://github.com/pytorch/pytorch/pull/38729
# error: ValueError: DistributedDataParallel's input module must be on the same type of devices, but input module parameters locate in {'cpu', 'cuda'}.
# pattern: module-added-after-placement
# shape: helper
# bug-lines: 25, 59
# cpu: clean
# needs: torch
import os

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP

os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
os.environ.setdefault("MASTER_PORT", "29517")
os.environ.setdefault("RANK", "0")
os.environ.setdefault("WORLD_SIZE", "1")
os.environ.setdefault("LOCAL_RANK", "0")


def to_sync_bn(module, process_group=None):
    out = module
    if isinstance(module, nn.modules.batchnorm._BatchNorm):
        out = nn.SyncBatchNorm(module.num_features, module.eps, module.momentum,
                               module.affine, module.track_running_stats, process_group)
        if module.affine:
            with torch.no_grad():
                out.weight.copy_(module.weight)
                out.bias.copy_(module.bias)
        out.running_mean = module.running_mean
        out.running_var = module.running_var
        out.num_batches_tracked = module.num_batches_tracked
    for name, child in module.named_children():
        out.add_module(name, to_sync_bn(child, process_group))
    return out


def build_model():
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10),
    )


def main():
    local_rank = int(os.environ["LOCAL_RANK"])
    use_cuda = torch.cuda.is_available()
    dist.init_process_group("nccl" if use_cuda else "gloo")
    if use_cuda:
        torch.cuda.set_device(local_rank)
        device = torch.device("cuda", local_rank)
    else:
        device = torch.device("cpu")

    model = build_model()
    model.to(device)
    if use_cuda:  # SyncBN needs GPU modules
        model = to_sync_bn(model)
    model = DDP(model, device_ids=[local_rank] if use_cuda else None)

    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(2):
        x = torch.randn(4, 3, 16, 16, device=device)
        y = torch.randint(0, 10, (4,), device=device)
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print("loss", loss.item())
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
