# source: https://github.com/cornellius-gp/gpytorch/pull/547
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: legacy-type-cast
# shape: helper, class
# bug-lines: 15, 16
# cpu: clean
# needs: torch
import torch


def batch_symeig(mat, cpu_threshold=32):
    """Eigendecomposition; small matrices are faster on the CPU in double precision."""
    if mat.size(-1) <= cpu_threshold:
        evals, evecs = torch.linalg.eigh(mat.detach().cpu().double())
        evals = evals.type(mat.type())
        evecs = evecs.type(mat.type())
        return evals, evecs
    return torch.linalg.eigh(mat)


class LanczosRootDecomposition:
    def __init__(self, matrix):
        self.matrix = matrix

    def root(self):
        evals, evecs = batch_symeig(self.matrix)
        evals = evals.clamp_min(1e-6)
        return evecs * evals.sqrt().unsqueeze(-2)

    def inv_quad(self, rhs):
        root = self.root()
        solve = root.transpose(-1, -2) @ rhs
        return (solve ** 2).sum(-2)


def make_kernel(n, device):
    x = torch.linspace(0, 1, n, device=device)
    return torch.exp(-((x[:, None] - x[None, :]) ** 2) / 0.1) + 1e-3 * torch.eye(n, device=device)


if __name__ == "__main__":
    if torch.cuda.device_count() > 1:
        device = torch.device("cuda:1")
    elif torch.cuda.is_available():
        device = torch.device("cuda:0")
    else:
        device = torch.device("cpu")
    K = make_kernel(10, device)
    rhs = torch.randn(10, 2, device=device)
    print(LanczosRootDecomposition(K).inv_quad(rhs))
