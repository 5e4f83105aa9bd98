# source: https://github.com/PaddlePaddle/PARL/issues/324
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, multi-file, helper
# bug-lines: 25
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""REINFORCE agent wrapping CartpoleModel."""
import numpy as np
import torch

from model import CartpoleModel


class CartpoleAgent:
    def __init__(self, obs_dim, act_dim, lr=1e-3, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.act_dim = act_dim
        self.model = CartpoleModel(obs_dim, act_dim).to(self.device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)

    def sample(self, obs):
        obs = torch.tensor(obs, dtype=torch.float32, device=self.device)
        prob = self.model(obs)
        prob = prob.data.numpy()
        return int(np.random.choice(self.act_dim, p=prob))

    def predict(self, obs):
        obs = torch.tensor(obs, dtype=torch.float32, device=self.device)
        with torch.no_grad():
            prob = self.model(obs)
        return int(prob.argmax().item())

    def learn(self, obs, act, reward):
        obs = torch.as_tensor(np.asarray(obs), dtype=torch.float32, device=self.device)
        act = torch.as_tensor(np.asarray(act), dtype=torch.long, device=self.device)
        reward = torch.as_tensor(np.asarray(reward), dtype=torch.float32, device=self.device)
        prob = self.model(obs)
        log_prob = torch.log(prob.gather(1, act.unsqueeze(1)).squeeze(1) + 1e-8)
        loss = -(log_prob * reward).mean()
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()
