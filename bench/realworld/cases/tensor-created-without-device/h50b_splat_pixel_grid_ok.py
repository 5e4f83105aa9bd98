# source: https://github.com/hbb1/torch-splatting/issues/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TileRenderer(nn.Module):
    """Pure-PyTorch 2D Gaussian splat compositor (small images, debugging)."""

    def __init__(self, white_background=False):
        super().__init__()
        bg = torch.ones(3) if white_background else torch.zeros(3)
        self.register_buffer("bg_color", bg)
        self.pix_coord = None

    def _pixel_grid(self, width, height, device):
        if self.pix_coord is None or self.pix_coord.shape[:2] != (height, width):
            ys, xs = torch.meshgrid(torch.arange(height), torch.arange(width), indexing="ij")
            self.pix_coord = torch.stack([xs, ys], dim=-1).float().to(device)
        return self.pix_coord

    def forward(self, means2d, conics, colors, opacity, depths, width, height):
        grid = self._pixel_grid(width, height, means2d.device)
        order = torch.argsort(depths)
        means2d, conics, colors, opacity = means2d[order], conics[order], colors[order], opacity[order]
        d = grid[None] - means2d[:, None, None, :]
        power = -0.5 * (conics[:, None, None, 0] * d[..., 0] ** 2
                        + conics[:, None, None, 2] * d[..., 1] ** 2) - conics[:, None, None, 1] * d[..., 0] * d[..., 1]
        alpha = (opacity[:, None, None] * torch.exp(power)).clamp(max=0.99)
        trans = torch.cumprod(torch.cat([torch.ones_like(alpha[:1]), 1 - alpha[:-1]], dim=0), dim=0)
        weights = alpha * trans
        image = (weights[..., None] * colors[:, None, None, :]).sum(0)
        acc = weights.sum(0)[..., None]
        return image + (1 - acc) * self.bg_color


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    n = 256
    renderer = TileRenderer(white_background=True).to(device)
    means = torch.rand(n, 2, device=device) * 64
    conics = torch.tensor([0.05, 0.0, 0.05], device=device).repeat(n, 1)
    img = renderer(means, conics, torch.rand(n, 3, device=device),
                   torch.rand(n, device=device), torch.rand(n, device=device), 64, 64)
    print(img.shape, img.device)
