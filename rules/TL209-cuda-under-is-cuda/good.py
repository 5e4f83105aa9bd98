import torch


# Made where xyz1 is: nothing to follow.
def nearest(xyz1, xyz2):
    dist = torch.zeros(xyz1.shape[0], xyz1.shape[1], device=xyz1.device)
    return dist + torch.cdist(xyz1, xyz2).min(dim=2).values


# The branch moves to xyz1's device, or moves xyz1 itself.
def nearest_moved(xyz1, xyz2):
    dist = torch.zeros(xyz1.shape[0], xyz1.shape[1])
    if xyz1.is_cuda:
        dist = dist.to(xyz1.device)
        xyz1 = xyz1.cuda()
    return dist + torch.cdist(xyz1, xyz2.to(xyz1.device)).min(dim=2).values


# The other branch: `x` is on the CPU, and the code sends it to the GPU on purpose.
def to_gpu(x, weight):
    if not x.is_cuda:
        x = x.cuda()
    if x.device.type == "cpu":
        weight = weight.cuda()
    return x @ weight
