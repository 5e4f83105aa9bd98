# source: https://github.com/robfiras/loco-mujoco/issues/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 26, 27, 35
# needs: torch
# cpu: no written where torch was not installed; not run

"""Policy / critic MLPs with built-in observation standardisation (expert statistics)."""
import torch
import torch.nn as nn


class FullyConnectedNetwork(nn.Module):
    def __init__(self, input_shape, output_shape, n_features, activations=("relu", "relu", "identity"),
                 standardizer_mean=None, standardizer_std=None, **kwargs):
        super().__init__()
        sizes = [input_shape[-1]] + list(n_features) + [output_shape[0]]
        acts = {"relu": nn.ReLU, "tanh": nn.Tanh, "identity": nn.Identity}
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(nn.Linear(sizes[i], sizes[i + 1]))
            layers.append(acts[activations[i]]())
        self._net = nn.Sequential(*layers)
        if standardizer_mean is not None:
            self._mean = torch.as_tensor(standardizer_mean, dtype=torch.float32)
            self._std = torch.as_tensor(standardizer_std, dtype=torch.float32).clamp(min=1e-6)
        else:
            self._mean = None
            self._std = None

    def standardize(self, inputs):
        if self._mean is None:
            return inputs
        return (inputs - self._mean) / self._std

    def forward(self, state):
        return self._net(self.standardize(state.float()))


class DiscriminatorNetwork(FullyConnectedNetwork):
    def forward(self, state, next_state):
        return super().forward(torch.cat([state, next_state], dim=-1))
