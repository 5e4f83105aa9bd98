# source: https://github.com/learnables/learn2learn/pull/162
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: inputs-not-moved
# shape: multi-file, helper, batch-dict
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


class Navigation2D:
    """Point robot that has to reach a task-specific goal."""

    def __init__(self, goal, horizon=100):
        self.goal = np.asarray(goal, dtype=np.float32)
        self.horizon = horizon

    def reset(self):
        self.t = 0
        self.pos = np.zeros(2, dtype=np.float32)
        return self.pos.copy()

    def step(self, action):
        self.t += 1
        self.pos = self.pos + np.clip(action, -0.1, 0.1).astype(np.float32)
        reward = -float(np.linalg.norm(self.pos - self.goal))
        return self.pos.copy(), reward, self.t >= self.horizon


def collect_episodes(env, policy, device, n_episodes=20):
    batch = {"states": [], "actions": [], "rewards": []}
    for _ in range(n_episodes):
        state, done = env.reset(), False
        while not done:
            state_t = torch.as_tensor(state, dtype=torch.float32, device=device)
            with torch.no_grad():
                action, _ = policy(state_t)
            next_state, reward, done = env.step(action.cpu().numpy())
            batch["states"].append(state_t)
            batch["actions"].append(action)
            batch["rewards"].append(reward)
            state = next_state
    return {
        "states": torch.stack(batch["states"]),
        "actions": torch.stack(batch["actions"]),
        "rewards": torch.tensor(batch["rewards"], dtype=torch.float32, device=device),
    }
