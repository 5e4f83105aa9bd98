# source: https://github.com/leggedrobotics/rsl_rl/pull/189
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: stale-alias
# shape: multi-file, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch

from h65a_actor_critic import CNNActorCritic
from h65a_exporter import export_policy_as_onnx

NUM_ENVS, NUM_PROPRIO, NUM_ACTIONS = 256, 48, 12


class DummyTerrainEnv:
    """Stand-in for the simulator: returns batched observations already on the GPU."""

    def __init__(self, device):
        self.device = device

    def observe(self):
        return {
            "proprio": torch.randn(NUM_ENVS, NUM_PROPRIO, device=self.device),
            "depth_front": torch.rand(NUM_ENVS, 1, 58, 87, device=self.device),
            "depth_rear": torch.rand(NUM_ENVS, 1, 58, 87, device=self.device),
        }

    def step(self, actions):
        return self.observe(), -actions.pow(2).mean(-1)


def learn(num_iterations=1000, steps_per_env=24, save_interval=50, log_dir="logs/anymal_depth"):
    os.makedirs(log_dir, exist_ok=True)
    device = torch.device("cuda:0")
    env = DummyTerrainEnv(device)
    policy = CNNActorCritic(NUM_PROPRIO, NUM_ACTIONS).to(device)
    optimizer = torch.optim.Adam(policy.parameters(), lr=1e-3)
    obs = env.observe()
    for it in range(num_iterations):
        log_probs, values, rewards = [], [], []
        for _ in range(steps_per_env):
            actions, logp, value = policy.act(obs)
            obs, reward = env.step(actions)
            log_probs.append(logp)
            values.append(value)
            rewards.append(reward)
        advantages = torch.stack(rewards) - torch.stack(values).detach()
        loss = -(torch.stack(log_probs) * advantages).mean() + (torch.stack(values) - torch.stack(rewards)).pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if it % save_interval == 0:
            torch.save(policy.state_dict(), f"{log_dir}/model_{it}.pt")
            export_policy_as_onnx(policy, f"{log_dir}/exported")


if __name__ == "__main__":
    learn()
