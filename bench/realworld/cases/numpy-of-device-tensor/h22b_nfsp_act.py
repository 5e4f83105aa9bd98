# source: https://github.com/datamllab/rlcard/issues/174
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class
# bug-lines: 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class AveragePolicyNet(nn.Module):
    def __init__(self, state_dim, num_actions, hidden=(64, 64)):
        super().__init__()
        layers, last = [], state_dim
        for h in hidden:
            layers += [nn.Linear(last, h), nn.ReLU()]
            last = h
        layers.append(nn.Linear(last, num_actions))
        self.mlp = nn.Sequential(*layers)

    def forward(self, x):
        return torch.log_softmax(self.mlp(x), dim=-1)


class NFSPAgent:
    def __init__(self, state_dim, num_actions, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.num_actions = num_actions
        self.policy_network = AveragePolicyNet(state_dim, num_actions).to(self.device)
        self.policy_network.eval()

    def _act(self, info_state):
        info_state = torch.from_numpy(np.expand_dims(info_state, 0)).float().to(self.device)
        with torch.no_grad():
            log_action_probs = self.policy_network(info_state).numpy()
        action_probs = np.exp(log_action_probs)[0]
        return action_probs

    def step(self, state):
        probs = self._act(state["obs"])
        legal = list(state["legal_actions"])
        masked = np.zeros(self.num_actions)
        masked[legal] = probs[legal]
        masked /= masked.sum()
        return int(np.random.choice(self.num_actions, p=masked))


if __name__ == "__main__":
    agent = NFSPAgent(state_dim=36, num_actions=4)
    fake_state = {"obs": np.random.rand(36).astype(np.float32), "legal_actions": [0, 2, 3]}
    for _ in range(5):
        print(agent.step(fake_state))
