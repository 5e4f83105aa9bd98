# source: https://github.com/iffyloop/TripoSR-Bake/issues/2
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, helper, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def make_query_grid(resolution, radius, device):
    axis = torch.linspace(-radius, radius, resolution, device=device)
    xs, ys, zs = torch.meshgrid(axis, axis, axis, indexing="ij")
    return torch.stack([xs, ys, zs], dim=-1).reshape(-1, 3)


@torch.no_grad()
def sample_density_grid(model, resolution=256, chunk=2 ** 18):
    device = next(model.parameters()).device
    points = make_query_grid(resolution, model.radius, device)
    densities = [model.query_density(points[i:i + chunk]) for i in range(0, points.shape[0], chunk)]
    return torch.cat(densities).reshape(resolution, resolution, resolution)


def grid_to_world(verts, resolution, radius):
    return verts / (resolution - 1) * 2.0 * radius - radius
