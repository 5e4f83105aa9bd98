# source: https://github.com/meta-pytorch/botorch/pull/1035
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# cpu: clean
# needs: torch
import torch
import torch.nn as nn

from transforms import Normalize


class Surrogate(nn.Module):
    def __init__(self, d, hidden=64, input_transform=None):
        super().__init__()
        self.input_transform = input_transform if input_transform is not None else Normalize(d)
        self.net = nn.Sequential(nn.Linear(d, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                                 nn.Linear(hidden, 2))

    def forward(self, X):
        out = self.net(self.input_transform(X))
        mean, log_var = out.unbind(-1)
        return mean, log_var.clamp(-10, 5)

    def posterior_mean(self, X):
        with torch.no_grad():
            return self.forward(X)[0]
