# source: https://github.com/tencent-ailab/DrugOOD/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: hard-coded-cuda
# shape: class, helper, loader-loop, batch-dict
# bug-lines: 14, 22
# cpu: clean
# needs: torch
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

DEVICE = "cuda:0" if torch.cuda.is_available() else "cpu"


def move_to_device(obj):
    if isinstance(obj, dict):
        return {k: move_to_device(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(move_to_device(v) for v in obj)
    return obj.to(DEVICE)


class GINBackbone(nn.Module):
    def __init__(self, in_dim=16, hidden=32, num_classes=2):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden))
        self.head = nn.Linear(hidden, num_classes)

    def forward_train(self, input, gt_label):
        input = move_to_device(input)
        gt_label = move_to_device(gt_label)
        logits = self.head(self.mlp(input["x"]).mean(dim=1))
        return nn.functional.cross_entropy(logits, gt_label)


def main(args):
    model = GINBackbone()
    if torch.cuda.is_available():
        model = model.to(f"cuda:{args.gpu_ids[0]}")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    graphs = torch.randn(32, 10, 16)
    labels = torch.randint(0, 2, (32,))
    loader = DataLoader(TensorDataset(graphs, labels), batch_size=8)
    for x, y in loader:
        loss = model.forward_train({"x": x}, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(loss.item())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu-ids", type=int, nargs="+", default=[max(torch.cuda.device_count() - 1, 0)])
    main(parser.parse_args())
