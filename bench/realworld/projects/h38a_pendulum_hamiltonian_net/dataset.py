# source: https://github.com/pytorch/pytorch/issues/69446
# error: RuntimeError: Found dtype Double but expected Float
# pattern: float64-input
# shape: multi-file, class, loader-loop
# bug-lines: 45
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
from torch.utils.data import Dataset


def pendulum_rhs(state, g=9.81, length=1.0, damping=0.05):
    theta, omega = state[..., 0], state[..., 1]
    return np.stack([omega, -(g / length) * np.sin(theta) - damping * omega], axis=-1)


def simulate(n_traj=200, steps=100, dt=0.05, seed=0):
    rng = np.random.default_rng(seed)
    states = np.empty((n_traj, steps, 2))
    state = np.stack([rng.uniform(-np.pi, np.pi, n_traj), rng.uniform(-2, 2, n_traj)], axis=-1)
    for t in range(steps):
        states[:, t] = state
        k1 = pendulum_rhs(state)
        k2 = pendulum_rhs(state + 0.5 * dt * k1)
        k3 = pendulum_rhs(state + 0.5 * dt * k2)
        k4 = pendulum_rhs(state + dt * k3)
        state = state + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return states.reshape(-1, 2)


class PendulumDerivatives(Dataset):
    """(state, d state / dt) pairs for learning the vector field."""

    def __init__(self, noise=0.01, seed=0):
        rng = np.random.default_rng(seed)
        self.states = simulate(seed=seed)
        self.derivs = pendulum_rhs(self.states)
        self.derivs = self.derivs + noise * rng.standard_normal(self.derivs.shape)

    def __len__(self):
        return len(self.states)

    def __getitem__(self, idx):
        x = self.states[idx].astype(np.float32)
        return x, self.derivs[idx]
