# source: https://github.com/nerfstudio-project/nerfstudio/pull/2381
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from renderers import DepthRenderer, RGBRenderer


def positional_encoding(x, num_freqs):
    freqs = 2.0 ** torch.arange(num_freqs, device=x.device, dtype=x.dtype)
    xb = x[..., None] * freqs
    return torch.cat([x, torch.sin(xb).flatten(-2), torch.cos(xb).flatten(-2)], dim=-1)


class VanillaNeRF(nn.Module):
    def __init__(self, num_freqs=10, hidden=256, background_color="white"):
        super().__init__()
        self.num_freqs = num_freqs
        in_dim = 3 + 3 * 2 * num_freqs
        self.mlp = nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU())
        self.density_head = nn.Linear(hidden, 1)
        self.rgb_head = nn.Sequential(nn.Linear(hidden, 3), nn.Sigmoid())
        self.renderer_rgb = RGBRenderer(background_color=background_color)
        self.renderer_depth = DepthRenderer()

    def forward(self, ray_bundle, num_samples=64):
        origins, directions = ray_bundle["origins"], ray_bundle["directions"]
        near, far = ray_bundle["near"], ray_bundle["far"]
        steps = torch.linspace(0.0, 1.0, num_samples + 1, device=origins.device)
        bins = near + (far - near) * steps                        # (N, S+1)
        t_mids = 0.5 * (bins[:, 1:] + bins[:, :-1])
        points = origins[:, None] + directions[:, None] * t_mids[..., None]
        h = self.mlp(positional_encoding(points, self.num_freqs))
        density = torch.relu(self.density_head(h))
        deltas = (bins[:, 1:] - bins[:, :-1])[..., None]
        alpha = 1.0 - torch.exp(-density * deltas)
        trans = torch.cumprod(torch.cat([torch.ones_like(alpha[:, :1]), 1.0 - alpha + 1e-10], 1), 1)[:, :-1]
        weights = alpha * trans
        rgb, acc = self.renderer_rgb(self.rgb_head(h), weights)
        depth = self.renderer_depth(weights, t_mids[..., None])
        return {"rgb": rgb, "accumulation": acc, "depth": depth}
