# Each process of a distributed evaluation counts its correct answers in a tensor put
# on the current GPU, GPU 0 in every process (nothing calls set_device), while its
# labels are on the process's own GPU: the first += fails on every rank but 0.
import os

import torch
import torch.distributed as dist
import torchvision
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader


@torch.no_grad()
def accuracy(model, loader, device):
    hits = torch.zeros(1).cuda()  # expect: TL208:12 lines=20,18
    seen = 0
    for inputs, labels in loader:
        inputs, labels = inputs.to(device), labels.to(device)
        predicted = model(inputs).argmax(dim=1)
        hits += (predicted == labels).sum()
        seen += labels.numel()
    dist.all_reduce(hits)
    return hits.item() / (seen * dist.get_world_size())


def main(dataset):
    dist.init_process_group("nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    device = torch.device(f"cuda:{local_rank}")
    loader = DataLoader(dataset, batch_size=64)
    model = torchvision.models.resnet18(num_classes=10).to(device)
    model = DistributedDataParallel(model, device_ids=[local_rank])
    return accuracy(model, loader, device)
