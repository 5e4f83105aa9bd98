# source: https://github.com/open-mmlab/mmdetection3d/issues/214
# error: RuntimeError: Expected tensor for argument #1 'input' to have the same device as tensor for argument #2 'weight'; but device 0 does not equal 2 (while checking arguments for cudnn_convolution)
# pattern: current-gpu-mismatch
# shape: multi-file, helper, class
# bug-lines: 16, 32
# needs: torch
# cpu: no written where torch was not installed; not run
"""Pure-PyTorch fallbacks for the point sampling / grouping CUDA ops."""
import torch


def furthest_point_sample(xyz, npoint):
    """xyz: (B, N, 3) -> indices (B, npoint) of mutually distant points."""
    B, N, _ = xyz.shape
    # allocate the output the same way the CUDA extension wrapper does
    centroids = torch.zeros(B, npoint, dtype=torch.long, device="cuda")
    distance = torch.full((B, N), 1e10, device=xyz.device)
    farthest = torch.randint(0, N, (B,), device=xyz.device)
    batch_idx = torch.arange(B, device=xyz.device)
    for i in range(npoint):
        centroids[:, i] = farthest
        centroid = xyz[batch_idx, farthest].unsqueeze(1)
        distance = torch.minimum(distance, ((xyz - centroid) ** 2).sum(-1))
        farthest = distance.argmax(-1)
    return centroids


def ball_query(radius, nsample, xyz, new_xyz):
    """Return (B, M, nsample) neighbour indices of new_xyz inside xyz."""
    B, N, _ = xyz.shape
    M = new_xyz.shape[1]
    group_idx = torch.arange(N, dtype=torch.long).cuda().view(1, 1, N).repeat(B, M, 1)
    sqrdists = torch.cdist(new_xyz, xyz) ** 2
    group_idx[sqrdists > radius ** 2] = N
    group_idx = group_idx.sort(dim=-1)[0][:, :, :nsample]
    first = group_idx[:, :, :1].expand(-1, -1, nsample)
    group_idx = torch.where(group_idx == N, first, group_idx)
    return group_idx


def index_points(points, idx):
    """points (B, N, C), idx (B, ...) -> gathered points (B, ..., C)."""
    B = points.shape[0]
    view = [B] + [1] * (idx.dim() - 1)
    batch_idx = torch.arange(B, device=idx.device).view(view).expand_as(idx)
    return points[batch_idx, idx]
