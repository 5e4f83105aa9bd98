# source: https://github.com/learnables/learn2learn/pull/162
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import copy

import numpy as np
import torch

from policies import DiagNormalPolicy
from rollout import Navigation2D, collect_episodes


def reinforce_loss(policy, batch, gamma=0.99):
    returns, running = [], 0.0
    for r in reversed(batch["rewards"].tolist()):
        running = r + gamma * running
        returns.insert(0, running)
    returns = torch.tensor(returns, device=batch["rewards"].device)
    returns = (returns - returns.mean()) / (returns.std() + 1e-8)
    log_prob = policy.density(batch["states"]).log_prob(batch["actions"]).sum(-1)
    return -(log_prob * returns).mean()


def main(iterations=200, tasks_per_batch=8, inner_lr=0.1, seed=42):
    rng = np.random.default_rng(seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    policy = DiagNormalPolicy(state_dim=2, action_dim=2).to(device)
    meta_opt = torch.optim.Adam(policy.parameters(), lr=3e-3)
    for it in range(iterations):
        meta_opt.zero_grad()
        for _ in range(tasks_per_batch):
            env = Navigation2D(goal=rng.uniform(-0.5, 0.5, size=2))
            clone = copy.deepcopy(policy)
            inner_opt = torch.optim.SGD(clone.parameters(), lr=inner_lr)
            inner_opt.zero_grad()
            reinforce_loss(clone, collect_episodes(env, clone, device)).backward()
            inner_opt.step()
            clone.zero_grad()
            reinforce_loss(clone, collect_episodes(env, clone, device)).backward()
            for p, q in zip(policy.parameters(), clone.parameters()):
                p.grad = q.grad.clone() if p.grad is None else p.grad + q.grad
        meta_opt.step()
        print(f"iteration {it}")


if __name__ == "__main__":
    main()
