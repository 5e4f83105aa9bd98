# source: https://github.com/pytorch/pytorch/issues/46821
# error: DistributedDataParallel device_ids and output_device arguments only work with single-device CUDA modules, but got device_ids 1
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# bug-lines: 43, 51
# cpu: raises "DistributedDataParallel device_ids and output_device arguments only work"
# needs: torch
import argparse
import tempfile

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler


def build_model(arch):
    print("=> creating model '{}'".format(arch))
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, stride=2), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10),
    )


def train(loader, model, criterion, optimizer, args):
    model.train()
    for images, target in loader:
        if torch.cuda.is_available():
            images = images.cuda(args.gpu, non_blocking=True)
            target = target.cuda(args.gpu, non_blocking=True)
        loss = criterion(model(images), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def main_worker(gpu, ngpus_per_node, args):
    args.gpu = gpu
    backend = "nccl" if torch.cuda.is_available() else "gloo"
    dist.init_process_group(backend=backend, init_method=args.dist_url,
                            world_size=args.world_size, rank=args.rank * ngpus_per_node + gpu)
    model = build_model(args.arch)
    if args.gpu is not None:
        print("Gpu setting...", args.gpu)
        if torch.cuda.is_available():
            torch.cuda.set_device(args.gpu)
        # model.cuda(args.gpu)
        args.batch_size = int(args.batch_size / ngpus_per_node)
        args.workers = int((args.workers + ngpus_per_node - 1) / ngpus_per_node)
        model = torch.nn.parallel.DistributedDataParallel(model, device_ids=[args.gpu], find_unused_parameters=True)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=0.9)
    data = TensorDataset(torch.randn(32, 3, 32, 32), torch.randint(0, 10, (32,)))
    loader = DataLoader(data, batch_size=args.batch_size, sampler=DistributedSampler(data),
                        num_workers=0)
    train(loader, model, criterion, optimizer, args)
    dist.destroy_process_group()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="resnet-lite")
    parser.add_argument("--gpu", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--rank", type=int, default=0)
    parser.add_argument("--world-size", type=int, default=1)
    parser.add_argument("--dist-url", default="file://" + tempfile.mktemp(prefix="ddp_init_"))
    args = parser.parse_args()
    ngpus_per_node = max(torch.cuda.device_count(), 1)
    main_worker(args.gpu, ngpus_per_node, args)
