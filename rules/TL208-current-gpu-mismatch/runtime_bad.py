# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL208 --confirm rules/TL208-current-gpu-mismatch/runtime_bad.py --devices 2
# devices: 2
# On a host with two GPUs the model goes to the one --gpu picks (1), its inputs to
# the current GPU (0); and the distances follow `xyz1.is_cuda` to GPU 0, not to
# xyz1's GPU. Both fail with 'found at least two devices, cuda:1 and cuda:0'.
import torch
from torch import nn


def classify(gpu, ids):
    model = nn.Embedding(100, 8).cuda(gpu)
    ids = ids.cuda()  # expect: TL208:11 lines=12,14
    return model(ids)


def nearest(xyz1, xyz2):
    dist = torch.zeros(xyz1.shape[0], xyz1.shape[1])
    if xyz1.is_cuda:
        dist = dist.cuda()  # expect: TL208:16
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
