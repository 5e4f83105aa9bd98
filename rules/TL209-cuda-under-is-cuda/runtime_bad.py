# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL209 --confirm rules/TL209-cuda-under-is-cuda/runtime_bad.py --devices 2
# devices: 2
# The points are on the second GPU; the distances follow `xyz1.is_cuda` to the first:
# 'found at least two devices, cuda:0 and cuda:1'.
import torch


def nearest(xyz1, xyz2):
    dist = torch.zeros(xyz1.shape[0], xyz1.shape[1])
    if xyz1.is_cuda:
        dist = dist.cuda()  # expect: TL209:16
    return dist + torch.cdist(xyz1, xyz2).min(dim=2).values


if __name__ == "__main__":
    points = torch.rand(2, 5, 3, device="cuda:1")
    print(nearest(points, torch.rand(2, 4, 3, device="cuda:1")).shape)
