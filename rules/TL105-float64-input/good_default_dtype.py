import numpy as np
import torch

# The whole file computes in float64: torch's factories make float64 too.
torch.set_default_dtype(torch.float64)


def solve(path):
    A = torch.tensor(np.loadtxt(path))
    x = torch.randn(A.shape[1], 1)
    return A @ x
