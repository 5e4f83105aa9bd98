# source: https://github.com/Project-MONAI/MONAI/issues/8819
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


def _rectangular_kernel(size):
    return torch.ones(size)


def _gaussian_kernel(size, sigma=None):
    sigma = sigma or size / 3.0
    x = torch.arange(size, dtype=torch.float32) - (size - 1) / 2.0
    k = torch.exp(-(x ** 2) / (2 * sigma ** 2))
    return k / k.max()


class LocalNCCLoss(nn.Module):
    """Local normalized cross-correlation for 3D image registration (lower is better)."""

    def __init__(self, kernel_size=7, kernel_type="rectangular", smooth_nr=1e-5, smooth_dr=1e-5):
        super().__init__()
        self.kernel_size = kernel_size
        self.smooth_nr = smooth_nr
        self.smooth_dr = smooth_dr
        k1d = _rectangular_kernel(kernel_size) if kernel_type == "rectangular" else _gaussian_kernel(kernel_size)
        kernel = k1d[:, None, None] * k1d[None, :, None] * k1d[None, None, :]
        self.register_buffer("kernel", kernel[None, None], persistent=False)
        self.register_buffer("kernel_vol", kernel.sum(), persistent=False)

    def _local_sum(self, x):
        return F.conv3d(x, self.kernel.to(x.dtype), padding=self.kernel_size // 2)

    def forward(self, pred, target):
        t2, p2, tp = target * target, pred * pred, target * pred
        t_sum, p_sum = self._local_sum(target), self._local_sum(pred)
        t2_sum, p2_sum, tp_sum = self._local_sum(t2), self._local_sum(p2), self._local_sum(tp)
        t_avg, p_avg = t_sum / self.kernel_vol, p_sum / self.kernel_vol
        cross = tp_sum - p_avg * t_sum
        t_var = torch.clamp(t2_sum - t_avg * t_sum, min=0)
        p_var = torch.clamp(p2_sum - p_avg * p_sum, min=0)
        ncc = (cross * cross + self.smooth_nr) / (t_var * p_var + self.smooth_dr)
        return -ncc.mean()
