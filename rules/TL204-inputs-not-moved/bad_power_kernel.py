# `torch.pow(gamma, exponents)` is where its exponents are: the discount kernel a
# helper makes on the CPU meets the advantages on the device in the convolution.
import torch
import torch.nn.functional as F


def discount_kernel(gamma, horizon):
    exponents = torch.arange(horizon, dtype=torch.float32)  # expect: TL204:17 lines=16
    return torch.pow(gamma, exponents).view(1, 1, horizon)


def discounted_returns(rewards, gamma):
    horizon = rewards.size(-1)
    kernel = discount_kernel(gamma, horizon)
    padded = F.pad(rewards.unsqueeze(1), (0, horizon - 1))
    return F.conv1d(padded, kernel).squeeze(1)


class Learner:
    def __init__(self, critic, device):
        self.device = device
        self.critic = critic.to(device)

    def advantages(self, observations, rollouts):
        rewards = torch.as_tensor(rollouts, dtype=torch.float32, device=self.device)
        values = self.critic(observations.to(self.device)).squeeze(-1)
        return discounted_returns(rewards - values, 0.99)
