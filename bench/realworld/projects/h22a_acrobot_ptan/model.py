# source: https://github.com/Shmuma/ptan/pull/28
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.DoubleTensor for argument #4 'mat1'
# pattern: float64-input
# shape: multi-file, class
# looks-like: float64-input
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn


class DQN(nn.Module):
    def __init__(self, obs_size, n_actions, hidden=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(obs_size, hidden),
            nn.ReLU(),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
            nn.Linear(hidden, n_actions),
        )

    def forward(self, x):
        return self.net(x)


def sync_target(net, tgt_net):
    tgt_net.load_state_dict(net.state_dict())
