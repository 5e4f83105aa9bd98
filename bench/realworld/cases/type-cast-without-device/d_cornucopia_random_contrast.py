# source: https://github.com/balbasty/cornucopia/pull/22
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-cast-without-device
# shape: class, helper
# looks-like: type-cast-without-device
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class GMMContrastTransform(nn.Module):
    def __init__(self, nk=8, dtype=None):
        super().__init__()
        self.nk = nk
        self.dtype = dtype

    def make_final(self, x):
        vmin, vmax = x.min(), x.max()
        edges = torch.linspace(vmin, vmax, self.nk + 1, device=x.device, dtype=x.dtype)
        new_mu = torch.rand(self.nk).to(x) * (vmax - vmin) + vmin
        new_sigma = torch.rand(self.nk, dtype=x.dtype, device=x.device) * (vmax - vmin) / self.nk
        return edges, new_mu, new_sigma

    def forward(self, x):
        if self.dtype is not None:
            x = x.to(self.dtype)
        edges, mu, sigma = self.make_final(x)
        k = torch.bucketize(x.clamp(edges[0], edges[-1]), edges[1:-1])
        noise = torch.randn_like(x)
        return mu[k] + sigma[k] * noise


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    transform = GMMContrastTransform(nk=6, dtype=torch.float32)
    batch = {"image": torch.rand(2, 1, 16, 16, dtype=torch.float64).to(device)}
    batch["image"] = transform(batch["image"])
    print(batch["image"].dtype, batch["image"].device)
