# source: https://github.com/ray-project/ray/issues/8688
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, batch-dict
# bug-lines: 70
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Ape-X style learner: double-DQN loss on a prioritized replay batch, then the
absolute TD errors are written back as new priorities."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class PrioritizedReplay:
    def __init__(self, capacity, obs_dim, alpha=0.6):
        self.alpha = alpha
        self.obs = np.zeros((capacity, obs_dim), np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), np.float32)
        self.actions = np.zeros(capacity, np.int64)
        self.rewards = np.zeros(capacity, np.float32)
        self.dones = np.zeros(capacity, np.float32)
        self.priorities = np.ones(capacity, np.float64)

    def sample(self, batch_size, beta=0.4):
        probs = self.priorities ** self.alpha
        probs /= probs.sum()
        idx = np.random.choice(len(probs), batch_size, p=probs)
        weights = (len(probs) * probs[idx]) ** (-beta)
        return {"obs": self.obs[idx], "next_obs": self.next_obs[idx], "actions": self.actions[idx],
                "rewards": self.rewards[idx], "dones": self.dones[idx],
                "weights": (weights / weights.max()).astype(np.float32), "batch_indexes": idx}

    def update_priorities(self, idx, priorities):
        self.priorities[idx] = priorities


class ApexLearner:
    def __init__(self, q_net, target_net, device, gamma=0.99, prioritized_replay_eps=1e-6):
        self.device = device
        self.q_net = q_net.to(device)
        self.target_net = target_net.to(device)
        self.gamma = gamma
        self.prioritized_replay_eps = prioritized_replay_eps
        self.optimizer = torch.optim.Adam(self.q_net.parameters(), lr=6.25e-5, eps=1.5e-4)

    def _to_torch(self, batch):
        return {k: torch.as_tensor(v, device=self.device) for k, v in batch.items()
                if k != "batch_indexes"}

    def compute_td_error(self, batch):
        t = self._to_torch(batch)
        q = self.q_net(t["obs"]).gather(1, t["actions"].unsqueeze(1)).squeeze(1)
        with torch.no_grad():
            best = self.q_net(t["next_obs"]).argmax(1, keepdim=True)
            q_next = self.target_net(t["next_obs"]).gather(1, best).squeeze(1)
            target = t["rewards"] + self.gamma * (1.0 - t["dones"]) * q_next
        td_error = q - target
        loss = (t["weights"] * F.smooth_l1_loss(q, target, reduction="none")).mean()
        return {"loss": loss, "td_error": td_error.detach()}

    def learn_on_batch(self, replay, batch_size=512):
        batch = replay.sample(batch_size)
        stats = self.compute_td_error(batch)
        self.optimizer.zero_grad()
        stats["loss"].backward()
        nn.utils.clip_grad_norm_(self.q_net.parameters(), 40.0)
        self.optimizer.step()
        new_priorities = np.abs(stats["td_error"]) + self.prioritized_replay_eps
        replay.update_priorities(batch["batch_indexes"], new_priorities)
        return stats["loss"].item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    q, target = (nn.Sequential(nn.Linear(8, 256), nn.ReLU(), nn.Linear(256, 4)) for _ in range(2))
    target.load_state_dict(q.state_dict())
    learner = ApexLearner(q, target, device)
    print(learner.learn_on_batch(PrioritizedReplay(10000, obs_dim=8)))
