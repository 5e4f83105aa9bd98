# source: https://github.com/rlworkgroup/garage/issues/2181
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: tensor-created-without-device
# shape: multi-file, class, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Vanilla policy gradient with a learned value baseline, run on a global device."""
import torch

from h56b_functions import compute_advantages, discount_cumsum, pad_batch


class VPG:
    def __init__(self, policy, value_function, device, discount=0.99, gae_lambda=0.97,
                 max_episode_length=500, policy_lr=3e-4, vf_lr=1e-3):
        self.device = device
        self.policy = policy.to(device)
        self.value_function = value_function.to(device)
        self.discount = discount
        self.gae_lambda = gae_lambda
        self.max_episode_length = max_episode_length
        self._policy_optimizer = torch.optim.Adam(self.policy.parameters(), lr=policy_lr)
        self._vf_optimizer = torch.optim.Adam(self.value_function.parameters(), lr=vf_lr)

    def _to_padded(self, episodes, key):
        seqs = [torch.as_tensor(ep[key], dtype=torch.float32, device=self.device)
                for ep in episodes]
        return pad_batch(seqs, self.max_episode_length)

    def train_once(self, episodes):
        obs = [torch.as_tensor(ep["observations"], dtype=torch.float32, device=self.device)
               for ep in episodes]
        rewards = self._to_padded(episodes, "rewards")
        with torch.no_grad():
            baselines = pad_batch([self.value_function(o).squeeze(-1) for o in obs],
                                  self.max_episode_length)
        advantages = compute_advantages(self.discount, self.gae_lambda,
                                        self.max_episode_length, baselines, rewards)
        lengths = [o.shape[0] for o in obs]
        flat_adv = torch.cat([advantages[i, :n] for i, n in enumerate(lengths)])
        flat_obs = torch.cat(obs)
        flat_act = torch.cat([torch.as_tensor(ep["actions"], device=self.device)
                              for ep in episodes])
        log_prob = self.policy.log_prob(flat_obs, flat_act)
        policy_loss = -(log_prob * flat_adv).mean()
        self._policy_optimizer.zero_grad()
        policy_loss.backward()
        self._policy_optimizer.step()

        returns = torch.cat([discount_cumsum(rewards[i, :n], self.discount)
                             for i, n in enumerate(lengths)])
        vf_loss = ((self.value_function(flat_obs).squeeze(-1) - returns) ** 2).mean()
        self._vf_optimizer.zero_grad()
        vf_loss.backward()
        self._vf_optimizer.step()
        return policy_loss.item(), vf_loss.item()
