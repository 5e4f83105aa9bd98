# source: https://github.com/xopt-org/Xopt/issues/311
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: tensor-created-without-device
# shape: helper, class
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

OBJECTIVES = {"val_loss": "MINIMIZE", "throughput": "MAXIMIZE"}
VARIABLES = {"log_lr": (-5.0, -1.0), "dropout": (0.0, 0.6), "width": (32.0, 512.0)}


def set_objective_weights(objectives, **tkwargs):
    """+1 for maximise, -1 for minimise, in the dtype/device the model uses."""
    signs = [1.0 if sense == "MAXIMIZE" else -1.0 for sense in objectives.values()]
    return torch.tensor(signs, **tkwargs)


def create_mc_objective(objectives, tkwargs):
    weights = set_objective_weights(objectives, **tkwargs)

    def objective(samples):
        # samples: (n_mc, batch, q, n_objectives)
        return samples @ weights

    return objective


class RandomFeatureSurrogate:
    """Cheap stand-in for a GP: Bayesian linear regression on random Fourier features."""

    def __init__(self, n_features=128, tkwargs=None):
        self.tkwargs = tkwargs or {}
        d = len(VARIABLES)
        self.omega = torch.randn(d, n_features, **self.tkwargs)
        self.phase = 2 * torch.pi * torch.rand(n_features, **self.tkwargs)

    def _phi(self, x):
        return torch.cos(x @ self.omega + self.phase)

    def fit(self, x, y, noise=1e-2):
        phi = self._phi(x)
        a = phi.T @ phi + noise * torch.eye(phi.shape[1], **self.tkwargs)
        self.cov = torch.linalg.inv(a)
        self.mean = self.cov @ phi.T @ y

    def sample(self, x, n_mc=64):
        phi = self._phi(x)
        w = torch.distributions.MultivariateNormal(self.mean.T, covariance_matrix=self.cov).sample((n_mc,))
        return torch.einsum("nf,mof->mno", phi, w)[:, None]


def propose(train_x, train_y, n_candidates=2048, tkwargs=None):
    tkwargs = tkwargs or {"dtype": train_x.dtype, "device": train_x.device}
    surrogate = RandomFeatureSurrogate(tkwargs=tkwargs)
    surrogate.fit(train_x, train_y)
    lows = torch.tensor([b[0] for b in VARIABLES.values()], **tkwargs)
    highs = torch.tensor([b[1] for b in VARIABLES.values()], **tkwargs)
    cand = lows + (highs - lows) * torch.rand(n_candidates, len(VARIABLES), **tkwargs)
    objective = create_mc_objective(OBJECTIVES, tkwargs)
    scores = objective(surrogate.sample(cand)).mean(dim=0).squeeze(0)
    return cand[scores.argmax()]


if __name__ == "__main__":
    tkwargs = {"dtype": torch.double, "device": "cuda" if torch.cuda.is_available() else "cpu"}
    x = torch.rand(10, len(VARIABLES), **tkwargs)
    y = torch.randn(10, len(OBJECTIVES), **tkwargs)
    print(propose(x, y, tkwargs=tkwargs))
