# source: https://github.com/wyf0912/ContextGS/pull/11
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: class, multi-file
# bug-lines: 29, 31, 38, 39, 40
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class AnchorGaussianModel(nn.Module):
    """Anchor-based 3DGS with a tiny entropy model over anchor features."""

    def __init__(self, anchors, feat_dim=32, n_offsets=10, n_levels=3):
        super().__init__()
        n = anchors.shape[0]
        self._anchor = nn.Parameter(anchors.clone())
        self._anchor_feat = nn.Parameter(torch.zeros(n, feat_dim))
        self._offset = nn.Parameter(torch.zeros(n, n_offsets, 3))
        self._scaling = nn.Parameter(torch.full((n, 6), -4.0))
        self.n_levels = n_levels
        self.base_voxel = 0.01
        self.entropy_mlp = nn.Sequential(
            nn.Linear(feat_dim + 3, 64), nn.ReLU(), nn.Linear(64, 2 * feat_dim))

    def multi_scale_positions(self):
        lvl = torch.arange(self.n_levels)
        voxel = self.base_voxel * (2.0 ** lvl.float())
        return torch.round(self._anchor.unsqueeze(1) / voxel.view(1, -1, 1))

    def encode_process(self, chunk=4096, q_step=0.05):
        feats = self._anchor_feat
        n = feats.shape[0]
        bits = feats.new_zeros(())
        for start in range(0, n, chunk):
            idx = torch.arange(start, min(start + chunk, n))
            to_code = torch.index_select(feats, 0, idx)
            ctx = torch.index_select(self._anchor, 0, idx)
            mean, scale = self.entropy_mlp(torch.cat([to_code, ctx], -1)).chunk(2, -1)
            q = torch.round((to_code - mean) / q_step)
            scale = F.softplus(scale) + 1e-6
            dist = torch.distributions.Normal(torch.zeros_like(scale), scale)
            prob = dist.cdf(q + 0.5) - dist.cdf(q - 0.5)
            bits = bits - torch.log2(prob.clamp_min(1e-9)).sum()
        return bits / n

    def get_neural_gaussians(self):
        offsets = self._offset * torch.exp(self._scaling[:, None, :3])
        return self._anchor.unsqueeze(1) + offsets
