# source: https://github.com/LianpoWang/GMPTV/issues/15
# error: TypeError: type torch.cuda.IntTensor not available. Torch not compiled with CUDA enabled.
# pattern: hard-coded-cuda
# shape: helper, class
# bug-lines: 23, 24, 34
# cpu: raises "Torch not compiled with CUDA enabled"
# needs: torch

import torch
import torch.nn as nn


def knn(x, k):
    inner = -2 * torch.matmul(x.transpose(2, 1), x)
    xx = torch.sum(x ** 2, dim=1, keepdim=True)
    pairwise = -xx - inner - xx.transpose(2, 1)
    return pairwise.topk(k=k, dim=-1)[1]


def get_graph_feature(x, k=8):
    batch_size, num_dims, num_points = x.shape
    idx = knn(x, k)
    device = torch.device("cuda")
    idx_base = torch.arange(0, batch_size, device=device).view(-1, 1, 1) * num_points
    idx = (idx + idx_base).view(-1)
    x = x.transpose(2, 1).contiguous()
    feature = x.view(batch_size * num_points, -1)[idx, :].view(batch_size, num_points, k, num_dims)
    x = x.view(batch_size, num_points, 1, num_dims).repeat(1, 1, k, 1)
    return torch.cat((feature - x, x), dim=3).permute(0, 3, 1, 2).contiguous()


def b_n_xyz_to_pxo(coord):
    b, n, _ = coord.shape
    offsets = torch.cuda.IntTensor([(i + 1) * n for i in range(b)])
    return coord.reshape(b * n, 3), offsets


class EdgeConvFlow(nn.Module):
    def __init__(self, k=8, out_dim=64):
        super().__init__()
        self.k = k
        self.conv = nn.Sequential(nn.Conv2d(6, out_dim, 1, bias=False), nn.BatchNorm2d(out_dim), nn.LeakyReLU(0.2))
        self.head = nn.Conv1d(out_dim, 3, 1)

    def forward(self, coord):
        p, o = b_n_xyz_to_pxo(coord)
        feat = get_graph_feature(coord.transpose(1, 2), k=self.k)
        feat = self.conv(feat).max(dim=-1)[0]
        return self.head(feat).transpose(1, 2), o


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = EdgeConvFlow().to(device)
    pts = torch.randn(2, 128, 3, device=device)
    flow, offsets = net(pts)
    print(flow.shape, offsets.tolist())
