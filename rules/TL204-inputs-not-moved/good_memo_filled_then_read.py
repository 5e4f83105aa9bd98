# The same table, built on the device of the activations that ask for it: each
# entry the cache hands back is where the model runs.
import torch
from torch import nn


class RelativeBias(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.mix = nn.Linear(width, width)
        self._bias = {}

    def _table(self, length, device):
        if length not in self._bias:
            self._bias[length] = torch.linspace(-1.0, 1.0, length, device=device).unsqueeze(1)
        return self._bias.get(length)

    def forward(self, x):
        out = self.mix(x)
        return out + self._table(x.shape[1], x.device)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = RelativeBias().to(device)
    print(model(torch.randn(4, 10, 32, device=device)).shape)
