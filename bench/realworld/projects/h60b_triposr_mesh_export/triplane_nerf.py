# source: https://github.com/iffyloop/TripoSR-Bake/issues/2
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class TriplaneNeRF(nn.Module):
    """Decodes density / color from three axis-aligned feature planes."""

    def __init__(self, plane_res=64, feat_dim=40, hidden=64, radius=0.87):
        super().__init__()
        self.radius = radius
        self.planes = nn.Parameter(torch.randn(3, feat_dim, plane_res, plane_res) * 0.1)
        self.decoder = nn.Sequential(nn.Linear(3 * feat_dim, hidden), nn.SiLU(), nn.Linear(hidden, 4))

    def _features(self, points):
        # points: (N, 3) in [-radius, radius]
        uv = (points / self.radius).clamp(-1, 1)
        coords = torch.stack([uv[:, [0, 1]], uv[:, [0, 2]], uv[:, [1, 2]]])     # (3, N, 2)
        feats = F.grid_sample(self.planes, coords[:, None], align_corners=False)  # (3, C, 1, N)
        return feats[:, :, 0].permute(2, 0, 1).reshape(points.shape[0], -1)

    def query_density(self, points):
        return F.softplus(self.decoder(self._features(points))[:, 0] - 1.0)

    def query_color(self, points):
        return torch.sigmoid(self.decoder(self._features(points))[:, 1:])
