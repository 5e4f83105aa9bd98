# source: https://github.com/deepinv/deepinv/issues/460
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, helper
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


def gaussian_kernel(size=9, sigma=2.0):
    ax = torch.arange(size, dtype=torch.float32) - (size - 1) / 2
    g = torch.exp(-(ax ** 2) / (2 * sigma ** 2))
    k = g[:, None] * g[None, :]
    return (k / k.sum())[None, None]


class BlurFFT(nn.Module):
    """Circular blur y = k * x + n, applied in the Fourier domain."""

    def __init__(self, kernel, noise_std=0.01):
        super().__init__()
        self.register_buffer("kernel", kernel)
        self.noise_std = noise_std
        self._otf = None

    def otf(self, shape, device):
        if self._otf is None or self._otf.shape[-2:] != (shape[-2], shape[-1] // 2 + 1) or self._otf.device != device:
            k = self.kernel.to(device)
            pad = torch.zeros(1, 1, shape[-2], shape[-1], device=device)
            pad[..., : k.shape[-2], : k.shape[-1]] = k
            pad = torch.roll(pad, shifts=(-(k.shape[-2] // 2), -(k.shape[-1] // 2)), dims=(-2, -1))
            self._otf = torch.fft.rfft2(pad)
        return self._otf

    def A(self, x):
        return torch.fft.irfft2(torch.fft.rfft2(x) * self.otf(x.shape, x.device), s=x.shape[-2:])

    def A_adjoint(self, y):
        return torch.fft.irfft2(torch.fft.rfft2(y) * self.otf(y.shape, y.device).conj(), s=y.shape[-2:])

    def forward(self, x):
        y = self.A(x)
        return y + self.noise_std * torch.randn_like(y)


class UnrolledGD(nn.Module):
    def __init__(self, physics, n_iter=5):
        super().__init__()
        self.physics = physics
        self.step = nn.Parameter(torch.full((n_iter,), 1.0))
        self.denoisers = nn.ModuleList(
            nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 1, 3, padding=1)) for _ in range(n_iter)
        )

    def forward(self, y):
        x = self.physics.A_adjoint(y)
        for step, den in zip(self.step, self.denoisers):
            x = x - step * self.physics.A_adjoint(self.physics.A(x) - y)
            x = x - den(x)
        return x


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    physics = BlurFFT(gaussian_kernel()).to(device)
    model = UnrolledGD(physics).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for it in range(1000):
        x = F.avg_pool2d(torch.rand(8, 1, 128, 128, device=device), 3, stride=1, padding=1)
        y = physics(x)
        loss = F.mse_loss(model(y), x)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if it % 100 == 0:
            print(it, loss.item())
