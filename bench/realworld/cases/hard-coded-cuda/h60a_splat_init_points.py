# source: https://github.com/nerfstudio-project/nerfstudio/issues/3290
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class
# bug-lines: 50
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Gaussian-splatting scene model seeded from an SfM point cloud; device comes from the trainer config."""
import numpy as np
import torch
import torch.nn as nn

SH_C0 = 0.28209479177387814


def num_sh_bases(degree):
    return (degree + 1) ** 2


def knn_mean_dist(points, k=3, chunk=2048):
    out = []
    for s in range(0, points.shape[0], chunk):
        d = torch.cdist(points[s : s + chunk], points)
        out.append(d.topk(k + 1, largest=False).values[:, 1:].mean(-1))
    return torch.cat(out)


def rgb_to_sh(rgb):
    return (rgb - 0.5) / SH_C0


class GaussianScene(nn.Module):
    def __init__(self, sh_degree=3, device="cpu"):
        super().__init__()
        self.sh_degree = sh_degree
        self.device = torch.device(device)
        self.gauss_params = nn.ParameterDict()

    def populate_from_points(self, xyz: np.ndarray, rgb: np.ndarray):
        means = torch.from_numpy(xyz).float().to(self.device)
        colors = torch.from_numpy(rgb).float().to(self.device) / 255.0
        n = means.shape[0]

        dist = knn_mean_dist(means).clamp_min(1e-7)
        scales = torch.log(dist)[:, None].repeat(1, 3)
        quats = torch.zeros(n, 4, device=self.device)
        quats[:, 0] = 1.0
        opacities = torch.logit(torch.full((n, 1), 0.1, device=self.device))

        shs = torch.zeros((n, num_sh_bases(self.sh_degree), 3)).float().cuda()
        shs[:, 0, :] = rgb_to_sh(colors)

        self.gauss_params["means"] = nn.Parameter(means)
        self.gauss_params["scales"] = nn.Parameter(scales)
        self.gauss_params["quats"] = nn.Parameter(quats)
        self.gauss_params["opacities"] = nn.Parameter(opacities)
        self.gauss_params["features_dc"] = nn.Parameter(shs[:, 0, :].contiguous())
        self.gauss_params["features_rest"] = nn.Parameter(shs[:, 1:, :].contiguous())

    @property
    def num_points(self):
        return self.gauss_params["means"].shape[0]


if __name__ == "__main__":
    device = "mps" if torch.backends.mps.is_available() else ("cuda" if torch.cuda.is_available() else "cpu")
    pts = np.load("sparse/points3D_xyz.npy")
    cols = np.load("sparse/points3D_rgb.npy")
    scene = GaussianScene(sh_degree=3, device=device)
    scene.populate_from_points(pts, cols)
    print(f"initialized {scene.num_points} gaussians on {device} with {num_sh_bases(3)} SH bases")
