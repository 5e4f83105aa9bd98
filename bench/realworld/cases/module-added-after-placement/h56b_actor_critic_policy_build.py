# source: https://github.com/DLR-RM/stable-baselines3/issues/111
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: class
# bug-lines: 44, 57, 58, 59
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Minimal actor-critic policy hierarchy in the style of an RL library: the base
class owns the features extractor and the device, subclasses add their heads."""
import numpy as np
import torch
import torch.nn as nn
from torch.distributions import Categorical


def get_device(device="auto"):
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    return torch.device(device)


class MlpExtractor(nn.Module):
    def __init__(self, features_dim, net_arch=(64, 64)):
        super().__init__()
        self.policy_net = nn.Sequential(nn.Linear(features_dim, net_arch[0]), nn.Tanh(),
                                        nn.Linear(net_arch[0], net_arch[1]), nn.Tanh())
        self.value_net = nn.Sequential(nn.Linear(features_dim, net_arch[0]), nn.Tanh(),
                                       nn.Linear(net_arch[0], net_arch[1]), nn.Tanh())
        self.latent_dim = net_arch[1]

    def forward(self, features):
        return self.policy_net(features), self.value_net(features)


class BasePolicy(nn.Module):
    def __init__(self, obs_dim, n_actions, features_dim=64, device="auto"):
        super().__init__()
        self.obs_dim = obs_dim
        self.n_actions = n_actions
        self.features_dim = features_dim
        self.device = get_device(device)
        self.features_extractor = nn.Sequential(nn.Flatten(), nn.Linear(obs_dim, features_dim),
                                                nn.ReLU())
        self.to(self.device)

    def extract_features(self, obs):
        return self.features_extractor(obs)


class ActorCriticPolicy(BasePolicy):
    def __init__(self, obs_dim, n_actions, lr=3e-4, net_arch=(64, 64), device="auto"):
        super().__init__(obs_dim, n_actions, device=device)
        self.net_arch = net_arch
        self._build(lr)

    def _build(self, lr):
        self.mlp_extractor = MlpExtractor(self.features_dim, self.net_arch)
        self.action_net = nn.Linear(self.mlp_extractor.latent_dim, self.n_actions)
        self.value_net = nn.Linear(self.mlp_extractor.latent_dim, 1)
        self.optimizer = torch.optim.Adam(self.parameters(), lr=lr, eps=1e-5)

    def forward(self, obs, deterministic=False):
        latent_pi, latent_vf = self.mlp_extractor(self.extract_features(obs))
        dist = Categorical(logits=self.action_net(latent_pi))
        actions = dist.mode if deterministic else dist.sample()
        return actions, self.value_net(latent_vf), dist.log_prob(actions)

    def predict(self, observation, deterministic=True):
        obs = torch.as_tensor(observation, dtype=torch.float32, device=self.device)
        with torch.no_grad():
            actions, _, _ = self(obs.unsqueeze(0), deterministic=deterministic)
        return actions.cpu().numpy()[0]


if __name__ == "__main__":
    policy = ActorCriticPolicy(obs_dim=4, n_actions=2, device="cuda:0")
    print(policy.predict(np.zeros(4, dtype=np.float32)))
