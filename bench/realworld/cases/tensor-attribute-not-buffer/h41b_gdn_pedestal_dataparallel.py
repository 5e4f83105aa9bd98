# source: https://github.com/jorge-pessoa/pytorch-gdn/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class
# bug-lines: 23, 30
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class GDN(nn.Module):
    """Generalized divisive normalization layer used in learned image codecs."""

    def __init__(self, channels, inverse=False, beta_min=1e-6, gamma_init=0.1,
                 reparam_offset=2 ** -18):
        super().__init__()
        self.inverse = inverse
        self.beta_bound = (beta_min + reparam_offset ** 2) ** 0.5
        self.gamma_bound = reparam_offset
        # constant offset for the reparameterisation; stored as a per-layer tensor
        # so it can be broadcast against the parameters below
        self.pedestal = torch.full((1,), reparam_offset ** 2)
        self.beta = nn.Parameter(torch.sqrt(torch.ones(channels) + reparam_offset ** 2))
        eye = torch.eye(channels) * gamma_init + reparam_offset ** 2
        self.gamma = nn.Parameter(torch.sqrt(eye))

    def _reparam(self, p, bound):
        # keep the raw parameter above its bound, square it, and remove the offset
        return torch.clamp(p, min=bound) ** 2 - self.pedestal

    def forward(self, x):
        c = x.shape[1]
        beta = self._reparam(self.beta, self.beta_bound)
        gamma = self._reparam(self.gamma, self.gamma_bound).view(c, c, 1, 1)
        norm = torch.sqrt(nn.functional.conv2d(x ** 2, gamma, beta))
        return x * norm if self.inverse else x / norm


class AnalysisNet(nn.Module):
    def __init__(self, n=128):
        super().__init__()
        self.conv1 = nn.Conv2d(3, n, 5, 2, 2)
        self.gdn1 = GDN(n)
        self.conv2 = nn.Conv2d(n, n, 5, 2, 2)
        self.gdn2 = GDN(n)

    def forward(self, x):
        return self.gdn2(self.conv2(self.gdn1(self.conv1(x))))


if __name__ == "__main__":
    net = AnalysisNet().cuda()
    net = nn.DataParallel(net, device_ids=list(range(torch.cuda.device_count())))
    criterion = nn.MSELoss()
    images = torch.rand(4, 3, 128, 128).cuda()
    latent = net(images)
    loss = criterion(latent, torch.zeros_like(latent))
    loss.backward()
    print("latent", tuple(latent.shape), "loss", loss.item())
