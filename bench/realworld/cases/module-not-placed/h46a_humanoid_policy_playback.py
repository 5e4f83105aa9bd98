# source: https://github.com/isaac-sim/IsaacLab/pull/2250
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: helper, top-level
# bug-lines: 50, 56, 61
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn

parser = argparse.ArgumentParser(description="Play back a trained H1 locomotion policy in the warehouse scene.")
parser.add_argument("--checkpoint", type=str, required=True, help="policy weights exported after training")
parser.add_argument("--device", type=str, default="cuda:0", help="simulation / tensor device")
parser.add_argument("--steps", type=int, default=1000)
args_cli = parser.parse_args()


class ActorMLP(nn.Module):
    def __init__(self, obs_dim=69, act_dim=19, hidden=(256, 128, 128)):
        super().__init__()
        layers, last = [], obs_dim
        for h in hidden:
            layers += [nn.Linear(last, h), nn.ELU()]
            last = h
        layers.append(nn.Linear(last, act_dim))
        self.actor = nn.Sequential(*layers)

    def forward(self, obs):
        return self.actor(obs)


class WarehouseVelocityEnv:
    """Stand-in for the vectorised sim: every tensor it returns lives on `device`."""

    def __init__(self, num_envs, device):
        self.num_envs, self.device = num_envs, torch.device(device)

    def reset(self):
        return {"policy": torch.zeros(self.num_envs, 69, device=self.device)}, {}

    def step(self, action):
        obs = {"policy": torch.randn(self.num_envs, 69, device=self.device) * 0.1}
        return obs, torch.zeros(self.num_envs, device=self.device), None, None, {}


def load_policy(path):
    state = torch.load(path, map_location="cpu")
    policy = ActorMLP()
    policy.load_state_dict(state["actor"])
    return policy.eval()


def main():
    policy = load_policy(args_cli.checkpoint)
    env = WarehouseVelocityEnv(num_envs=1, device=args_cli.device)
    obs, _ = env.reset()
    with torch.inference_mode():
        for _ in range(args_cli.steps):
            action = policy(obs["policy"])
            obs, _, _, _, _ = env.step(action)


if __name__ == "__main__":
    main()
