# source: https://github.com/MillionIntegrals/vel/issues/47
# error: RuntimeError: Input type (unsigned char) and bias type (float) should be the same
# pattern: integer-input
# shape: class, batch-dict
# looks-like: integer-input
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ImageToTensor(nn.Module):
    """Frames stay uint8 in the replay buffer; they become [0, 1] floats here."""

    def forward(self, frames):
        return frames.float().div_(255.0)


class NatureQNetwork(nn.Module):
    def __init__(self, n_actions, stack=4):
        super().__init__()
        self.input = ImageToTensor()
        self.conv1 = nn.Conv2d(stack, 32, 8, stride=4)
        self.conv2 = nn.Conv2d(32, 64, 4, stride=2)
        self.conv3 = nn.Conv2d(64, 64, 3, stride=1)
        self.fc = nn.Linear(7 * 7 * 64, 512)
        self.q = nn.Linear(512, n_actions)

    def forward(self, frames):
        x = self.input(frames)
        x = F.relu(self.conv3(F.relu(self.conv2(F.relu(self.conv1(x))))))
        return self.q(F.relu(self.fc(x.flatten(1))))


class FrameReplay:
    def __init__(self, capacity, stack=4):
        self.frames = np.zeros((capacity, stack, 84, 84), dtype=np.uint8)
        self.next_frames = np.zeros((capacity, stack, 84, 84), dtype=np.uint8)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.dones = np.zeros(capacity, dtype=np.float32)
        self.size = capacity

    def sample(self, batch_size, device):
        idx = np.random.randint(0, self.size, batch_size)
        return {
            "obs": torch.from_numpy(self.frames[idx]).to(device),
            "next_obs": torch.from_numpy(self.next_frames[idx]).to(device),
            "act": torch.from_numpy(self.actions[idx]).to(device),
            "rew": torch.from_numpy(self.rewards[idx]).to(device),
            "done": torch.from_numpy(self.dones[idx]).to(device),
        }


def td_loss(online, target, batch, gamma=0.99):
    q = online(batch["obs"]).gather(1, batch["act"].unsqueeze(1)).squeeze(1)
    with torch.no_grad():
        next_q = target(batch["next_obs"]).max(1).values
        y = batch["rew"] + gamma * (1.0 - batch["done"]) * next_q
    return F.smooth_l1_loss(q, y)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    online, target = NatureQNetwork(6).to(device), NatureQNetwork(6).to(device)
    target.load_state_dict(online.state_dict())
    replay = FrameReplay(2000)
    opt = torch.optim.Adam(online.parameters(), lr=1e-4)
    loss = td_loss(online, target, replay.sample(32, device))
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(loss.item())
