# source: https://github.com/openspyrit/spyrit/issues/182
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, class, multi-file
# bug-lines: 50, 51
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
"""Split Hadamard measurement operator."""
import torch
import torch.nn as nn

from sampling import reorder_by_significance


def walsh_matrix(n: int) -> torch.Tensor:
    """Sylvester construction of an ``n x n`` Hadamard matrix (n a power of 2)."""
    H = torch.ones(1, 1)
    while H.shape[0] < n:
        H = torch.cat([torch.cat([H, H], dim=1), torch.cat([H, -H], dim=1)], dim=0)
    return H


class HadamSplit(nn.Module):
    def __init__(self, order: torch.Tensor, img_size: int, n_meas: int):
        super().__init__()
        self.img_size = img_size
        self.n_pixels = img_size * img_size
        self.n_meas = n_meas

        H = walsh_matrix(self.n_pixels)
        sig = order.flatten()
        H_sorted = reorder_by_significance(H, sig, axis="rows")
        self.register_buffer("H_full", H)
        self.register_buffer("H", H_sorted[:n_meas])
        self.register_buffer("order", sig)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Simulate positive/negative split acquisitions of flattened images."""
        pos = torch.clamp(self.H, min=0)
        neg = torch.clamp(-self.H, min=0)
        return torch.cat([x @ pos.T, x @ neg.T], dim=-1)

    def measure_diff(self, y: torch.Tensor) -> torch.Tensor:
        return y[..., : self.n_meas] - y[..., self.n_meas :]

    def inverse(self, m: torch.Tensor) -> torch.Tensor:
        """Zero-fill missing coefficients and apply the inverse transform."""
        full = torch.zeros(m.shape[0], self.n_pixels, device=m.device, dtype=m.dtype)
        full[:, : self.n_meas] = m
        full = reorder_by_significance(
            full, self.order, axis="cols", inverse_permutation=True
        )
        return full @ self.H_full / self.n_pixels
