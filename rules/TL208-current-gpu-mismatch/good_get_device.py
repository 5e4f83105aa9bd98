# The noise goes to the GPU its parameter is on, by that tensor's own index: the
# same GPU, whichever it is (only a CPU tensor's index, -1, would fail: TL212).
import torch
from torch import nn


class NoisyGate(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.mu = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        eps = torch.randn(x.size(0), self.mu.size(0)).cuda(self.mu.get_device())
        return x * (self.mu + 0.1 * eps)


if __name__ == "__main__":
    gate = NoisyGate(8).cuda()
    print(gate(torch.randn(2, 8).cuda()).shape)
