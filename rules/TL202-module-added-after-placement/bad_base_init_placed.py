# The base policy puts itself on its device at the end of its __init__; the
# subclass builds its heads after `super().__init__()`, so they stay on the CPU.
import torch
from torch import nn


class BasePolicy(nn.Module):
    def __init__(self, obs_dim, features=64, device="cuda"):
        super().__init__()
        self.device = torch.device(device)
        self.features_dim = features
        self.extractor = nn.Sequential(nn.Linear(obs_dim, features), nn.ReLU())
        self.to(self.device)


class ActorCritic(BasePolicy):
    def __init__(self, obs_dim, n_actions, device="cuda"):
        super().__init__(obs_dim, device=device)
        self._build(n_actions)

    def _build(self, n_actions):
        self.action_net = nn.Linear(self.features_dim, n_actions)
        self.value_net = nn.Linear(self.features_dim, 1)  # expect: TL202:9 lines=19,13

    def forward(self, obs):
        latent = self.extractor(obs)
        return self.action_net(latent), self.value_net(latent)


if __name__ == "__main__":
    policy = ActorCritic(8, 4)
    print(policy(torch.zeros(1, 8, device=policy.device)))
