import torch


# chamfer_distance: the outputs are made on the CPU and follow `xyz1.is_cuda` to the
# current GPU, not to xyz1's.
def nearest(xyz1, xyz2):
    dist = torch.zeros(xyz1.shape[0], xyz1.shape[1])
    idx = torch.zeros(xyz1.shape[0], xyz1.shape[1], dtype=torch.long)
    if xyz1.is_cuda:
        dist = dist.to(xyz1.device)  # expect: TL209:16
        idx = idx.to(xyz1.device)  # expect: TL209:15
    d = torch.cdist(xyz1, xyz2)
    return dist + d.min(dim=2).values, idx + d.argmin(dim=2)


# The same test spelled through the device type, joined to another condition.
def pad_mask(lengths, hidden, max_len):
    mask = torch.arange(max_len)[None, :] >= lengths[:, None].cpu()
    if hidden.device.type == "cuda" and max_len > 0:
        mask = mask.to(hidden.device)  # expect: TL209:16
    return hidden.masked_fill(mask[..., None], 0.0)
