# source: https://github.com/ray-project/ray/issues/22659 https://github.com/ray-project/ray/pull/27304
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop, batch-dict
# bug-lines: 42, 43, 51, 54
# needs: torch, numpy, gymnasium
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
import torch.nn.functional as F
from gymnasium.spaces import Box, Discrete
from torch import nn


class SlimFC(nn.Sequential):
    def __init__(self, in_size, out_size, activation=nn.ReLU):
        super().__init__(nn.Linear(in_size, out_size), activation())


class VisionNet(nn.Module):
    def __init__(self, shape, out_size):
        super().__init__()
        h, w, c = shape
        self.convs = nn.Sequential(
            nn.Conv2d(c, 16, 8, stride=4), nn.ReLU(), nn.Conv2d(16, 32, 4, stride=2), nn.ReLU(), nn.Flatten())
        with torch.no_grad():
            n_flat = self.convs(torch.zeros(1, c, h, w)).shape[1]
        self.out = SlimFC(n_flat, out_size)

    def forward(self, img):
        return self.out(self.convs(img.permute(0, 3, 1, 2).float() / 255.0))


class ComplexInputNetwork(nn.Module):
    """Tuple observation: images -> CNN, discrete -> one-hot + FC, boxes -> flatten + FC."""

    def __init__(self, obs_space, num_outputs, hidden=256):
        super().__init__()
        self.original_space = obs_space
        self.cnns = {}
        self.one_hot = {}
        self.flatten = {}
        concat_size = 0
        for i, component in enumerate(obs_space):
            if isinstance(component, Box) and len(component.shape) == 3:
                self.cnns[i] = VisionNet(component.shape, 128)
                self.add_module(f"cnn_{i}", self.cnns[i])
                concat_size += 128
            elif isinstance(component, Discrete):
                self.one_hot[i] = SlimFC(int(component.n), 64)
                concat_size += 64
            else:
                self.flatten[i] = SlimFC(int(np.prod(component.shape)), 64)
                concat_size += 64
        self.post_fc = SlimFC(concat_size, hidden)
        self.logits_layer = nn.Linear(hidden, num_outputs)
        self.value_layer = nn.Linear(hidden, 1)

    def forward(self, obs):
        outs = []
        for i, component in enumerate(obs):
            if i in self.cnns:
                outs.append(self.cnns[i](component))
            elif i in self.one_hot:
                n = self.original_space[i].n
                outs.append(self.one_hot[i](F.one_hot(component.long(), n).float()))
            else:
                outs.append(self.flatten[i](component.reshape(component.shape[0], -1).float()))
        features = self.post_fc(torch.cat(outs, dim=1))
        return self.logits_layer(features), self.value_layer(features).squeeze(-1)
