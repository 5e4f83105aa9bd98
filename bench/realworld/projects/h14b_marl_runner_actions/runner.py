# source: https://github.com/floracharbo/MARL_local_electricity/pull/65
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, batch-dict
# bug-lines: 38
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import numpy as np
import torch


class EpisodeRunner:
    def __init__(self, env, mac, episode_limit, device):
        self.env = env
        self.mac = mac
        self.episode_limit = episode_limit
        self.device = device

    def _new_batch(self):
        n, d = self.env.n_agents, self.env.obs_dim
        return {
            "obs": torch.zeros(1, self.episode_limit, n, d, device=self.device),
            "actions": torch.zeros(1, self.episode_limit, n, dtype=torch.long, device=self.device),
            "reward": torch.zeros(1, self.episode_limit, device=self.device),
            "terminated": torch.zeros(1, self.episode_limit, dtype=torch.bool, device=self.device),
        }

    def run(self, epsilon):
        batch = self._new_batch()
        obs = self.env.reset()
        self.mac.init_hidden(batch_size=1)
        episode_return = 0.0
        for t in range(self.episode_limit):
            batch["obs"][0, t] = torch.as_tensor(np.stack(obs), dtype=torch.float32, device=self.device)
            actions = self.mac.select_actions(batch, t, epsilon)
            batch["actions"][0, t] = actions[0]
            env_actions = actions[0].numpy()
            obs, reward, terminated, _ = self.env.step(env_actions)
            batch["reward"][0, t] = float(reward)
            batch["terminated"][0, t] = terminated
            episode_return += reward
            if terminated:
                break
        return batch, episode_return
