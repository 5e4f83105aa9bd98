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
        # a Python float fills in torch's default dtype, float32, not the model's
        sigma = torch.full((x.shape[0],), 1.0 - k / levels, device=x.device)  # expect: TL107:17 lines=21,12,16
        x = x - 0.1 * net(x, sigma)
    return x


if __name__ == "__main__":
    print(denoise(torch.randn(8, 64)).shape)
