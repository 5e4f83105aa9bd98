# source: https://github.com/v0lta/PyTorch-Wavelet-Toolbox/pull/19
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

HAAR_LO = [0.7071067811865476, 0.7071067811865476]
HAAR_HI = [-0.7071067811865476, 0.7071067811865476]


def analysis_matrix(length, device, dtype):
    half = length // 2
    lo = torch.tensor(HAAR_LO, device=device, dtype=dtype)
    hi = torch.tensor(HAAR_HI, device=device, dtype=dtype)
    mat = torch.zeros(length, length, device=device, dtype=dtype)
    rows = torch.arange(half, device=device)
    for k in range(2):
        mat[rows, 2 * rows + k] = lo[k]
        mat[half + rows, 2 * rows + k] = hi[k]
    return mat


class MatrixWavedec(nn.Module):
    """Single-level fast wavelet transform as a sparse-free matrix product."""

    def __init__(self):
        super().__init__()
        self._cache = {}

    def _get_matrix(self, signal):
        key = (signal.shape[-1], signal.device, signal.dtype)
        if key not in self._cache:
            self._cache[key] = analysis_matrix(signal.shape[-1], signal.device, signal.dtype)
        return self._cache[key]

    def forward(self, signal):
        mat = self._get_matrix(signal)
        coeffs = signal @ mat.T
        half = signal.shape[-1] // 2
        return coeffs[..., :half], coeffs[..., half:]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    x = torch.randn(4, 128, device=device)
    approx, detail = MatrixWavedec()(x)
    print(approx.shape, detail.device)
