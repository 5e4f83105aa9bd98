# The fixed twin of runtime_bad.py (docs/runtime.md):
# The inputs follow the model's GPU, and the distances follow xyz1's device: it runs clean
# with two simulated GPUs.
# devices: 2
import torch
from torch import nn


def classify(gpu, ids):
    model = nn.Embedding(100, 8).cuda(gpu)
    ids = ids.cuda(gpu)
    return model(ids)


def nearest(xyz1, xyz2):
    dist = torch.zeros(xyz1.shape[0], xyz1.shape[1])
    if xyz1.is_cuda:
        dist = dist.to(xyz1.device)
    return dist + torch.cdist(xyz1, xyz2).min(dim=2).values


if __name__ == "__main__":
    for step in (
        lambda: classify(1, torch.randint(0, 100, (4, 6))),
        lambda: nearest(torch.rand(2, 5, 3, device="cuda:1"), torch.rand(2, 4, 3, device="cuda:1")),
    ):
        try:
            step()
        except RuntimeError as error:
            print(error)
