# source: https://github.com/sniklaus/softmax-splatting/issues/47
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1!
# pattern: current-gpu-mismatch
# shape: multi-file, helper
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
"""Backward warping with a per-(shape, device) sampling-grid cache."""
import torch
import torch.nn.functional as F

_grid_cache = {}


def backwarp(frame, flow):
    key = (tuple(flow.shape), str(flow.device), flow.dtype)
    if key not in _grid_cache:
        n, _, h, w = flow.shape
        hor = torch.linspace(-1.0 + 1.0 / w, 1.0 - 1.0 / w, w, device=flow.device, dtype=flow.dtype)
        ver = torch.linspace(-1.0 + 1.0 / h, 1.0 - 1.0 / h, h, device=flow.device, dtype=flow.dtype)
        grid = torch.cat([hor.view(1, 1, 1, w).expand(n, -1, h, -1),
                          ver.view(1, 1, h, 1).expand(n, -1, -1, w)], 1)
        _grid_cache[key] = grid
    norm_flow = torch.cat([flow[:, 0:1] / ((frame.shape[3] - 1.0) / 2.0),
                           flow[:, 1:2] / ((frame.shape[2] - 1.0) / 2.0)], 1)
    ones = frame.new_ones(frame.shape[0], 1, frame.shape[2], frame.shape[3])
    sampled = F.grid_sample(torch.cat([frame, ones], 1), (_grid_cache[key] + norm_flow).permute(0, 2, 3, 1),
                            mode="bilinear", padding_mode="zeros", align_corners=False)
    mask = (sampled[:, -1:] > 0.999).to(frame.dtype)
    return sampled[:, :-1] * mask
