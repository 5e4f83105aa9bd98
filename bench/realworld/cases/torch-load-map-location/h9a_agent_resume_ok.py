# source: https://github.com/HorizonRobotics/alf/pull/1532
# error: torch.cuda.OutOfMemoryError: CUDA out of memory (checkpoint tensors restored onto the GPU they were saved from)
# pattern: torch-load-map-location
# shape: helper, class
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Resume an actor-critic agent from a checkpoint written on a GPU box."""
import os

import torch
import torch.nn as nn


class ActorCritic(nn.Module):
    def __init__(self, obs_dim, n_actions, hidden=256):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh())
        self.policy = nn.Linear(hidden, n_actions)
        self.value = nn.Linear(hidden, 1)

    def forward(self, obs):
        h = self.body(obs)
        return self.policy(h), self.value(h).squeeze(-1)


def save_checkpoint(path, agent, optimizer, global_step):
    torch.save({"agent": agent.state_dict(), "optimizer": optimizer.state_dict(),
                "global_step": global_step}, path)


def load_checkpoint(path, agent, optimizer=None):
    """Restore in place; tensors are read into host memory first."""
    if not os.path.exists(path):
        print(f"Checkpoint '{path}' does not exist. Train from scratch.")
        return 0
    state = torch.load(path, map_location=torch.device("cpu"))
    agent.load_state_dict(state["agent"])
    if optimizer is not None and "optimizer" in state:
        optimizer.load_state_dict(state["optimizer"])
    return state.get("global_step", 0)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    agent = ActorCritic(obs_dim=8, n_actions=4).to(device)
    optimizer = torch.optim.Adam(agent.parameters(), lr=3e-4)
    step = load_checkpoint("runs/lunar/ckpt.pt", agent, optimizer)
    print(f"resuming at step {step} on {device}")
    obs = torch.randn(64, 8, device=device)
    for it in range(step, step + 100):
        logits, value = agent(obs)
        dist = torch.distributions.Categorical(logits=logits)
        actions = dist.sample()
        returns = torch.randn(64, device=device)
        advantage = returns - value.detach()
        loss = -(dist.log_prob(actions) * advantage).mean() + 0.5 * (returns - value).pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    save_checkpoint("runs/lunar/ckpt.pt", agent, optimizer, step + 100)
