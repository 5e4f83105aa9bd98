# source: https://github.com/IBM/text-generation-inference/issues/7
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, class
# bug-lines: 17, 43, 49, 59
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Small inference server for a trained locomotion policy.  The robot-side client
sends proprioceptive observations and receives joint targets."""
import os

import numpy as np
import torch
import torch.nn as nn

POLICY_CKPT = os.environ.get("POLICY_CKPT", "checkpoints/policy_latest.pt")
DTYPE_STR = os.environ.get("POLICY_DTYPE", "float16")


class ActorMLP(nn.Module):
    def __init__(self, obs_dim=48, act_dim=12, hidden=(512, 256, 128)):
        super().__init__()
        layers, size = [], obs_dim
        for width in hidden:
            layers += [nn.Linear(size, width), nn.ELU()]
            size = width
        layers.append(nn.Linear(size, act_dim))
        self.net = nn.Sequential(*layers)

    def forward(self, obs):
        return self.net(obs)


def resolve_device():
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def load_policy(path, device, dtype):
    policy = ActorMLP()
    if os.path.exists(path):
        state = torch.load(path, map_location="cpu")
        policy.load_state_dict(state.get("actor_state_dict", state))
    return policy.to(device=device, dtype=dtype).eval()


class PolicyServer:
    def __init__(self, ckpt=POLICY_CKPT, action_scale=0.25):
        self.device = resolve_device()
        self.dtype = getattr(torch, DTYPE_STR)
        self.policy = load_policy(ckpt, self.device, self.dtype)
        self.action_scale = action_scale
        self.obs_mean = torch.zeros(48, device=self.device)
        self.obs_std = torch.ones(48, device=self.device)

    @torch.inference_mode()
    def act(self, observation):
        obs = torch.as_tensor(np.asarray(observation, dtype=np.float32), device=self.device)
        obs = ((obs - self.obs_mean) / self.obs_std).clamp(-5.0, 5.0)
        actions = self.policy(obs.to(self.dtype).unsqueeze(0)).squeeze(0)
        return (actions.float() * self.action_scale).cpu().numpy()


if __name__ == "__main__":
    server = PolicyServer()
    print(server.act(np.random.randn(48)))
