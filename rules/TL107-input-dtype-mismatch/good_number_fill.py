import torch
import torch.nn as nn


class NoiseLevelNet(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.level = nn.Linear(1, dim)
        self.body = nn.Linear(dim, dim)

    def forward(self, x, sigma):
        return self.body(x + self.level(sigma[:, None]))


def denoise(x, levels=10):
    net = NoiseLevelNet().half().cuda()
    x = x.half().cuda()
    for k in range(levels):
        # filled in the input's dtype, or cast after
        sigma = torch.full((x.shape[0],), 1.0 - k / levels, device=x.device, dtype=x.dtype)
        scale = torch.full((x.shape[0],), k / levels, device=x.device).half()
        x = x - 0.1 * net(x, sigma) * scale[:, None]
    return x


def counts(n, steps):
    # integer arithmetic of Python ints fills int64: an index, not a model input
    idx = torch.full((n,), steps * 2 + 1, dtype=torch.long)
    return idx.max().item()


if __name__ == "__main__":
    print(denoise(torch.randn(8, 64)).shape, counts(4, 3))
