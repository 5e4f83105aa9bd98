# The dropout mask is made where the weight is, on any machine: no GPU index is
# read off a tensor that may be on the CPU.
import torch
from torch import nn


class ConcreteDropout(nn.Module):
    def __init__(self, features, p=0.1):
        super().__init__()
        self.logit = nn.Parameter(torch.full((features,), p).logit())

    def forward(self, x):
        noise = torch.rand(x.size(0), self.logit.size(0), device=self.logit.device)
        keep = torch.sigmoid((noise.log() - (1 - noise).log() - self.logit) / 0.1)
        return x * (1 - keep)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    layer = ConcreteDropout(16).to(device)
    print(layer(torch.randn(4, 16, device=device)).shape)
