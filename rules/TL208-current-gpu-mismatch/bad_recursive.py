import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

DEVICE = "cuda:0" if torch.cuda.is_available() else "cpu"


# DrugOOD: a recursive "move everything" helper sends each member of a batch to
# DEVICE, GPU 0, while the model runs on the GPU --gpu-ids picks.
def move_to_device(obj):
    if isinstance(obj, dict):
        return {k: move_to_device(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(move_to_device(v) for v in obj)
    return obj.to(DEVICE)  # expect: TL208:12 lines=34,28


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(16, 32), nn.ReLU())
        self.head = nn.Linear(32, 2)

    def forward_train(self, inputs, labels):
        inputs = move_to_device(inputs)
        logits = self.head(self.mlp(inputs["x"]).mean(dim=1))
        return nn.functional.cross_entropy(logits, move_to_device(labels))


def main(args):
    model = Backbone()
    model = model.to(f"cuda:{args.gpu_ids[0]}")
    loader = DataLoader(TensorDataset(torch.randn(32, 10, 16), torch.randint(0, 2, (32,))))
    for x, y in loader:
        model.forward_train({"x": x}, y)


# The same with the tensor test first and anything else handed back as it is
# (speechbrain's recursive_to, MiniCPM-V's move_to_device), on a batch the
# helper gets as a tuple.
def to_cuda(data):
    if isinstance(data, torch.Tensor):
        return data.cuda()  # expect: TL208:16 lines=54,58
    if isinstance(data, (list, tuple)):
        return [to_cuda(d) for d in data]
    if isinstance(data, dict):
        return {k: to_cuda(v) for k, v in data.items()}
    return data


def evaluate(args):
    model = Backbone().cuda(args.gpu_ids[0])
    loader = DataLoader(TensorDataset(torch.randn(32, 10, 16), torch.randint(0, 2, (32,))))
    for batch in loader:
        batch = to_cuda(batch)
        model.mlp(batch[0])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu-ids", type=int, nargs="+", default=[1])
    main(parser.parse_args())
