# source: https://github.com/lcswillems/rl-starter-files/issues/46 https://github.com/lcswillems/rl-starter-files/pull/47
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #1 'self' in call to _th_mm
# pattern: tensor-created-without-device
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Actor-critic with an LSTM memory for partially observable MiniGrid tasks."""
import torch
import torch.nn as nn
from torch.distributions.categorical import Categorical


class ACModel(nn.Module):
    def __init__(self, obs_shape, n_actions, use_memory=True):
        super().__init__()
        self.use_memory = use_memory
        self.image_conv = nn.Sequential(
            nn.Conv2d(3, 16, (2, 2)), nn.ReLU(), nn.MaxPool2d((2, 2)),
            nn.Conv2d(16, 32, (2, 2)), nn.ReLU(),
            nn.Conv2d(32, 64, (2, 2)), nn.ReLU())
        n, m = obs_shape[0], obs_shape[1]
        self.image_embedding_size = ((n - 1) // 2 - 2) * ((m - 1) // 2 - 2) * 64
        if self.use_memory:
            self.memory_rnn = nn.LSTMCell(self.image_embedding_size, self.semi_memory_size)
        self.actor = nn.Sequential(nn.Linear(self.image_embedding_size, 64), nn.Tanh(),
                                   nn.Linear(64, n_actions))
        self.critic = nn.Sequential(nn.Linear(self.image_embedding_size, 64), nn.Tanh(),
                                    nn.Linear(64, 1))

    @property
    def recurrent(self):
        return self.use_memory

    @property
    def semi_memory_size(self):
        return self.image_embedding_size

    @property
    def memory_size(self):
        return 2 * self.semi_memory_size

    def forward(self, image, memory):
        x = self.image_conv(image.transpose(1, 3).transpose(2, 3))
        x = x.reshape(x.shape[0], -1)
        if self.use_memory:
            hidden = (memory[:, :self.semi_memory_size], memory[:, self.semi_memory_size:])
            hidden = self.memory_rnn(x, hidden)
            x = hidden[0]
            memory = torch.cat(hidden, dim=1)
        dist = Categorical(logits=torch.log_softmax(self.actor(x), dim=1))
        value = self.critic(x).squeeze(1)
        return dist, value, memory
