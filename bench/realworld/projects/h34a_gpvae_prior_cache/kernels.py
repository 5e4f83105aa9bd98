# source: https://github.com/WenjieDu/PyPOTS/issues/200
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def _time_grid(T: int) -> torch.Tensor:
    t = torch.arange(T, dtype=torch.float32)
    return t.unsqueeze(0) - t.unsqueeze(1)


def rbf_kernel(T: int, length_scale: float) -> torch.Tensor:
    dist = _time_grid(T) ** 2
    return torch.exp(-dist / (2.0 * length_scale ** 2))


def cauchy_kernel(T: int, sigma: float, length_scale: float) -> torch.Tensor:
    dist = _time_grid(T) ** 2
    kernel = sigma / (1.0 + dist / length_scale ** 2)
    return kernel + 1e-3 * torch.eye(T)


def diffusion_kernel(T: int, length_scale: float) -> torch.Tensor:
    adj = (_time_grid(T).abs() == 1).float()
    laplacian = torch.diag(adj.sum(1)) - adj
    return torch.matrix_exp(-length_scale * laplacian)


KERNELS = {"rbf": rbf_kernel, "diffusion": diffusion_kernel}
