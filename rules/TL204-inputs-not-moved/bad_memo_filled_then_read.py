# A bias table filled on a miss and then read back with .get(): what the read hands
# back is the CPU table built on the line above, and it meets the activations of the
# model on the GPU.
import torch
from torch import nn


class RelativeBias(nn.Module):
    def __init__(self, width=32):
        super().__init__()
        self.mix = nn.Linear(width, width)
        self._bias = {}

    def _table(self, length):
        if length not in self._bias:
            self._bias[length] = torch.linspace(-1.0, 1.0, length).unsqueeze(1)  # expect: TL204:34 lines=26,21
        return self._bias.get(length)

    def forward(self, x):
        out = self.mix(x)
        return out + self._table(x.shape[1])


if __name__ == "__main__":
    device = torch.device("cuda")
    model = RelativeBias().to(device)
    print(model(torch.randn(4, 10, 32, device=device)).shape)
