# source: https://github.com/LikeLy-Journey/SegmenTron/issues/59
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: class, loader-loop
# bug-lines: 50, 58
# cpu: no needs a GPU and a process group
# needs: torch
import argparse
import os

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler


def get_segmentation_model(num_classes=21):
    return nn.Sequential(
        nn.Conv2d(3, 64, 3, padding=1),
        nn.BatchNorm2d(64),
        nn.ReLU(inplace=True),
        nn.Conv2d(64, num_classes, 1),
    )


class Trainer:
    def __init__(self, args):
        self.args = args
        self.device = torch.device(f"cuda:{args.local_rank}")
        images = torch.randn(64, 3, 96, 96)
        masks = torch.randint(0, 21, (64, 96, 96))
        dataset = TensorDataset(images, masks)
        sampler = DistributedSampler(dataset) if args.distributed else None
        self.train_loader = DataLoader(dataset, batch_size=8, sampler=sampler)
        self.model = None
        self.optimizer = None

    def setup(self):
        model = get_segmentation_model()
        if self.args.distributed and self.args.sync_bn:
            model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
        self.optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
        if self.args.resume and os.path.isfile(self.args.resume):
            state = torch.load(self.args.resume, map_location="cpu")
            model.load_state_dict(state["state_dict"])
        self.model = model
        if self.args.distributed:
            self.model = nn.parallel.DistributedDataParallel(
                self.model,
                device_ids=[self.args.local_rank],
                output_device=self.args.local_rank,
                find_unused_parameters=True,
            )

    def train(self, epochs=2):
        self.model.to(self.device)
        self.model.train()
        for epoch in range(epochs):
            for images, targets in self.train_loader:
                images = images.to(self.device)
                targets = targets.to(self.device)
                loss = F.cross_entropy(self.model(images), targets)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
            print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--local_rank", type=int, default=int(os.environ.get("LOCAL_RANK", 0)))
    parser.add_argument("--sync_bn", action="store_true")
    parser.add_argument("--resume", default="")
    args = parser.parse_args()
    args.distributed = int(os.environ.get("WORLD_SIZE", 1)) > 1
    if args.distributed:
        torch.cuda.set_device(args.local_rank)
        dist.init_process_group(backend="nccl", init_method="env://")
    trainer = Trainer(args)
    trainer.setup()
    trainer.train()
