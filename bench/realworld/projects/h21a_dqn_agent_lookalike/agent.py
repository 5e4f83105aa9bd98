# source: https://github.com/DeepRLChinese/DeepRL-Chinese/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: inputs-not-moved
# shape: multi-file, class
# looks-like: inputs-not-moved
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import random

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class QNet(nn.Module):
    def __init__(self, dim_state, num_action, hidden=64):
        super().__init__()
        self.fc1 = nn.Linear(dim_state, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.fc3 = nn.Linear(hidden, num_action)

    def forward(self, state):
        x = F.relu(self.fc1(state))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class DQN:
    def __init__(self, dim_state, num_action, device, gamma=0.99, lr=1e-3):
        self.device = device
        self.num_action = num_action
        self.gamma = gamma
        self.Q = QNet(dim_state, num_action).to(device)
        self.target_Q = QNet(dim_state, num_action).to(device)
        self.target_Q.load_state_dict(self.Q.state_dict())
        self.optimizer = torch.optim.Adam(self.Q.parameters(), lr=lr)

    def get_action(self, state, eps=0.0):
        if random.random() < eps:
            return random.randrange(self.num_action)
        state = state.to(self.device)
        with torch.no_grad():
            qvals = self.Q(state)
        return qvals.argmax().item()

    def _to_tensor(self, x, dtype=torch.float32):
        return torch.as_tensor(np.asarray(x), dtype=dtype, device=self.device)

    def compute_loss(self, bs, ba, br, bd, bns):
        bs, bns = self._to_tensor(bs), self._to_tensor(bns)
        ba = self._to_tensor(ba, torch.long)
        br, bd = self._to_tensor(br), self._to_tensor(bd)
        q = self.Q(bs).gather(1, ba.unsqueeze(1)).squeeze(1)
        with torch.no_grad():
            target = br + self.gamma * (1 - bd) * self.target_Q(bns).max(1)[0]
        return F.mse_loss(q, target)

    def update(self, batch):
        loss = self.compute_loss(*batch)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()
