# The dropout mask is put on "the GPU the weight is on" with an old idiom: on a
# machine without a GPU the weight is on the CPU, its get_device() is -1, and the
# move fails there, where the rest of the script runs fine.
import torch
from torch import nn


class ConcreteDropout(nn.Module):
    def __init__(self, features, p=0.1):
        super().__init__()
        self.logit = nn.Parameter(torch.full((features,), p).logit())

    def forward(self, x):
        noise = torch.rand(x.size(0), self.logit.size(0)).cuda(self.logit.get_device())  # expect: TL212:17 lines=22,21,20
        keep = torch.sigmoid((noise.log() - (1 - noise).log() - self.logit) / 0.1)
        return x * (1 - keep)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    layer = ConcreteDropout(16).to(device)
    print(layer(torch.randn(4, 16, device=device)).shape)
