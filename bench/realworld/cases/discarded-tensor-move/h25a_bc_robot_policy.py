# source: https://github.com/pytorch/pytorch/issues/14068
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: class, batch-dict, loader-loop
# looks-like: discarded-tensor-move
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class ArmPolicy(nn.Module):
    """Behaviour-cloning policy: joint state + wrist-camera features -> 7-DoF joint velocity."""

    def __init__(self, joint_dim=7, cam_dim=256, act_dim=7):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(joint_dim + cam_dim, 512), nn.ReLU(),
                                 nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, act_dim))

    def forward(self, obs):
        return self.net(torch.cat([obs["joints"], obs["cam_feat"]], dim=-1))


class BCTrainer:
    def __init__(self, policy, action_mean, action_std, device="cuda"):
        self.device = torch.device(device if torch.cuda.is_available() else "cpu")
        self.policy = policy
        self.policy.to(self.device)
        self.action_mean = torch.as_tensor(action_mean, dtype=torch.float32).to(self.device)
        self.action_std = torch.as_tensor(action_std, dtype=torch.float32).to(self.device)
        self.opt = torch.optim.AdamW(self.policy.parameters(), lr=3e-4)

    def _to_device(self, batch):
        return {k: v.to(self.device, non_blocking=True) for k, v in batch.items()}

    def train_epoch(self, loader):
        self.policy.train()
        total = 0.0
        for batch in loader:
            batch = self._to_device(batch)
            target = (batch["action"] - self.action_mean) / self.action_std
            loss = nn.functional.mse_loss(self.policy(batch), target)
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            total += loss.item()
        return total / max(len(loader), 1)

    @torch.no_grad()
    def act(self, joints, cam_feat):
        self.policy.eval()
        obs = {"joints": torch.from_numpy(joints).float().unsqueeze(0),
               "cam_feat": torch.from_numpy(cam_feat).float().unsqueeze(0)}
        obs = self._to_device(obs)
        action = self.policy(obs) * self.action_std + self.action_mean
        return action.squeeze(0).cpu().numpy()


if __name__ == "__main__":
    demos = np.load("data/pick_place_demos.npz")
    dataset = [
        {"joints": torch.tensor(j, dtype=torch.float32), "cam_feat": torch.tensor(c, dtype=torch.float32),
         "action": torch.tensor(a, dtype=torch.float32)}
        for j, c, a in zip(demos["joints"], demos["cam_feat"], demos["action"])
    ]
    loader = DataLoader(dataset, batch_size=256, shuffle=True)
    trainer = BCTrainer(ArmPolicy(), demos["action"].mean(0), demos["action"].std(0) + 1e-6)
    for epoch in range(20):
        print(epoch, trainer.train_epoch(loader))
    print(trainer.act(demos["joints"][0], demos["cam_feat"][0]))
