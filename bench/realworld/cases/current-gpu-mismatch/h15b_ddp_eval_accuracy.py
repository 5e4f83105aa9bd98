# source: https://github.com/pytorch/ignite/issues/1308
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# bug-lines: 27, 28
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler
from torchvision import datasets, models, transforms


def setup():
    dist.init_process_group(backend="nccl", init_method="env://")
    local_rank = int(os.environ["LOCAL_RANK"])
    return local_rank, torch.device(f"cuda:{local_rank}")


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    correct = torch.zeros(1).cuda()
    total = torch.zeros(1).cuda()
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        preds = model(images).argmax(dim=1)
        correct += (preds == labels).sum()
        total += labels.numel()
    dist.all_reduce(correct)
    dist.all_reduce(total)
    return (correct / total).item()


def main():
    local_rank, device = setup()
    tf = transforms.Compose([transforms.Resize(224), transforms.ToTensor()])
    val_set = datasets.CIFAR10("./data", train=False, download=local_rank == 0, transform=tf)
    loader = DataLoader(val_set, batch_size=128, sampler=DistributedSampler(val_set, shuffle=False))
    model = models.resnet18(num_classes=10).to(device)
    model = DDP(model, device_ids=[local_rank])
    acc = evaluate(model, loader, device)
    if dist.get_rank() == 0:
        print(f"val acc: {acc:.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
