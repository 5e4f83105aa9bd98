# source: https://github.com/open-mmlab/mmdetection3d/pull/360
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: legacy-tensor-constructor
# shape: helper, class
# bug-lines: 17, 18, 19
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def knn(k, xyz, center_xyz):
    """Indices of the k nearest points of `xyz` (B, N, 3) for every center (B, M, 3)."""
    B, npoint = center_xyz.shape[:2]
    dists = torch.cdist(center_xyz, xyz)                      # (B, M, N)

    idx = torch.cuda.LongTensor(B, npoint, k).zero_()
    dist2 = torch.cuda.FloatTensor(B, npoint, k).zero_()
    torch.topk(dists, k, dim=-1, largest=False, sorted=True, out=(dist2, idx))
    return dist2, idx


def group_points(features, idx):
    """features (B, C, N), idx (B, M, k) -> (B, C, M, k)."""
    B, C, _ = features.shape
    _, M, k = idx.shape
    flat = idx.reshape(B, 1, M * k).expand(-1, C, -1)
    return torch.gather(features, 2, flat).view(B, C, M, k)


class KNNGroupingModule(nn.Module):
    def __init__(self, in_channels, out_channels, k=16):
        super().__init__()
        self.k = k
        self.mlp = nn.Sequential(
            nn.Conv2d(in_channels + 3, out_channels, 1), nn.BatchNorm2d(out_channels), nn.ReLU())

    def forward(self, xyz, center_xyz, features):
        _, idx = knn(self.k, xyz, center_xyz)
        grouped_xyz = group_points(xyz.transpose(1, 2).contiguous(), idx)
        grouped_xyz = grouped_xyz - center_xyz.transpose(1, 2).unsqueeze(-1)
        grouped_feat = group_points(features, idx)
        new_feat = self.mlp(torch.cat([grouped_xyz, grouped_feat], dim=1))
        return new_feat.max(dim=-1)[0]


if __name__ == "__main__":
    device = torch.device("cuda:1")
    layer = KNNGroupingModule(in_channels=64, out_channels=128).to(device)
    xyz = torch.rand(2, 4096, 3, device=device)
    feats = torch.rand(2, 64, 4096, device=device)
    centers = xyz[:, torch.randperm(4096, device=device)[:512]]
    out = layer(xyz, centers, feats)
    print(out.shape)
