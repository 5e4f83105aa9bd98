# source: https://github.com/floracharbo/MARL_local_electricity/pull/65
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, batch-dict
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import numpy as np
import torch

from controller import BasicMAC
from runner import EpisodeRunner

ACTION_LEVELS = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])  # battery charge rate per home


class LocalElecEnv:
    """Toy community of homes with batteries sharing one grid import price."""

    def __init__(self, n_homes=4, horizon=24, seed=0):
        self.n_agents, self.obs_dim, self.horizon = n_homes, 3, horizon
        self.rng = np.random.default_rng(seed)

    def reset(self):
        self.t = 0
        self.soc = np.full(self.n_agents, 0.5)
        return self._obs()

    def _obs(self):
        price = 0.2 + 0.1 * np.sin(2 * np.pi * self.t / 24)
        return [np.array([self.soc[i], price, self.t / self.horizon]) for i in range(self.n_agents)]

    def step(self, actions):
        rates = ACTION_LEVELS[np.asarray(actions, dtype=int)]
        self.soc = np.clip(self.soc + 0.1 * rates, 0.0, 1.0)
        demand = self.rng.uniform(0.5, 1.5, self.n_agents) + np.maximum(rates, 0)
        reward = -float(self._obs()[0][1] * demand.sum())
        self.t += 1
        return self._obs(), reward, self.t >= self.horizon, {}


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    env = LocalElecEnv()
    mac = BasicMAC(env.n_agents, env.obs_dim, len(ACTION_LEVELS), device)
    runner = EpisodeRunner(env, mac, episode_limit=env.horizon, device=device)
    for episode in range(50):
        epsilon = max(0.05, 1.0 - episode / 30)
        _, ret = runner.run(epsilon)
        print(f"episode {episode}: return {ret:.3f}")


if __name__ == "__main__":
    main()
