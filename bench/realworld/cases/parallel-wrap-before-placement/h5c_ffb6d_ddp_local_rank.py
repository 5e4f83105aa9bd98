# source: https://github.com/ethnhe/FFB6D/issues/4
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cuda:2
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# looks-like: parallel-wrap-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler


def build_net(n_classes=22):
    return nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
                         nn.Conv2d(64, n_classes, 1))


def setup_model(local_rank, sync_bn):
    model = build_net()
    if sync_bn:
        model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
    torch.cuda.set_device(local_rank)
    model = model.cuda(local_rank)
    model = DistributedDataParallel(model, device_ids=[local_rank], output_device=local_rank)
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--local_rank", type=int, default=0)
    parser.add_argument("--sync_bn", action="store_true")
    args = parser.parse_args()
    dist.init_process_group(backend="nccl", init_method="env://")

    model = setup_model(args.local_rank, args.sync_bn)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    ds = TensorDataset(torch.rand(64, 3, 48, 64), torch.randint(0, 22, (64, 48, 64)))
    loader = DataLoader(ds, batch_size=8, sampler=DistributedSampler(ds))
    for rgb, labels in loader:
        rgb, labels = rgb.cuda(args.local_rank), labels.cuda(args.local_rank)
        loss = nn.functional.cross_entropy(model(rgb), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    main()
