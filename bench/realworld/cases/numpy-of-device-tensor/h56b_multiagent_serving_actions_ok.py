# source: https://github.com/ray-project/ray/issues/7421
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, batch-dict, class
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Policy-serving loop for a multi-agent PPO model: external clients send per-agent
observations, the server answers with actions plus the extra fetches
(log-probs, value estimates) that the trainer's postprocessing needs in numpy."""
import numpy as np
import torch
import torch.nn as nn
from torch.distributions import Categorical


def convert_to_numpy(x):
    """Recursively turn tensors (on any device) inside dicts/lists into numpy arrays."""
    if isinstance(x, dict):
        return {k: convert_to_numpy(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return type(x)(convert_to_numpy(v) for v in x)
    if torch.is_tensor(x):
        return x.detach().cpu().numpy()
    return x


class SharedActorCritic(nn.Module):
    def __init__(self, obs_dim, n_actions, hidden=128):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh())
        self.pi = nn.Linear(hidden, n_actions)
        self.vf = nn.Linear(hidden, 1)

    def forward(self, obs):
        h = self.body(obs)
        return self.pi(h), self.vf(h).squeeze(-1)


class PolicyServer:
    def __init__(self, model, device):
        self.device = device
        self.model = model.to(device).eval()

    @torch.no_grad()
    def compute_actions(self, obs_by_agent):
        agent_ids = sorted(obs_by_agent)
        obs = torch.as_tensor(np.stack([obs_by_agent[a] for a in agent_ids]),
                              dtype=torch.float32, device=self.device)
        logits, values = self.model(obs)
        dist = Categorical(logits=logits)
        actions = dist.sample()
        fetches = {"action_logp": dist.log_prob(actions), "vf_preds": values,
                   "action_dist_inputs": logits}
        fetches = convert_to_numpy(fetches)
        actions = actions.cpu()
        return {a: int(act) for a, act in zip(agent_ids, actions.numpy())}, fetches

    def postprocess(self, rewards, fetches, gamma=0.99):
        # numpy-side bookkeeping only: every tensor was converted above
        values = fetches["vf_preds"]
        advantages = np.asarray(rewards, dtype=np.float32) + gamma * values - values
        return {"advantages": advantages, "value_targets": advantages + values}


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    server = PolicyServer(SharedActorCritic(obs_dim=10, n_actions=5), dev)
    obs = {f"agent_{i}": np.random.randn(10).astype(np.float32) for i in range(4)}
    actions, extra = server.compute_actions(obs)
    print(actions, server.postprocess([1.0, 0.0, 0.5, 0.0], extra)["advantages"])
