# source: https://github.com/pytorch/pytorch/issues/100243
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop
# bug-lines: 58, 59
# cpu: raises "DistributedDataParallel device_ids and output_device arguments only work"
# needs: torch
import argparse
import os

import torch
import torch.distributed as dist
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

# set by `python -m torch.distributed.launch --use-env` / torchrun; defaults for a single process
os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
os.environ.setdefault("MASTER_PORT", "29521")
os.environ.setdefault("RANK", "0")
os.environ.setdefault("WORLD_SIZE", "1")
LOCAL_RANK = int(os.environ.get("LOCAL_RANK", 0))


class Classifier(nn.Module):
    def __init__(self, in_dim=32, n_classes=5):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(in_dim, 64), nn.ReLU(), nn.Linear(64, n_classes))

    def forward(self, x):
        return self.body(x)


def load_model(opt):
    model = Classifier()
    if opt.weights and os.path.exists(opt.weights):
        model.load_state_dict(torch.load(opt.weights, map_location="cpu"))
    model.eval()
    return model


def build_loader(opt):
    data = TensorDataset(torch.randn(64, 32), torch.randint(0, 5, (64,)))
    return DataLoader(data, batch_size=opt.batch_size, sampler=DistributedSampler(data, shuffle=False))


def main(opt):
    if torch.cuda.is_available():
        torch.cuda.set_device(LOCAL_RANK)
        device = torch.device("cuda", LOCAL_RANK)
        backend = "nccl"
    else:
        device = torch.device("cpu")
        backend = "gloo"
    print("LOCAL_RANK", LOCAL_RANK, device)
    dist.init_process_group(backend=backend)

    model = load_model(opt)
    model = torch.nn.parallel.DistributedDataParallel(model, device_ids=[LOCAL_RANK], output_device=LOCAL_RANK)

    correct = 0
    with torch.no_grad():
        for x, y in build_loader(opt):
            x, y = x.to(device), y.to(device)
            correct += (model(x).argmax(1) == y).sum().item()
    print("correct", correct)
    dist.destroy_process_group()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="")
    parser.add_argument("--batch_size", type=int, default=16)
    main(parser.parse_args())
