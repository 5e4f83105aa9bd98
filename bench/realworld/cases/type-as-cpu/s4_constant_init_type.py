# source: https://github.com/pytorch/pytorch/issues/88493
# error: (silent) on the GPU, Tensor.type('torch.FloatTensor') returns a CPU copy, so the in-place init never reaches the model's weights
# pattern: type-as-cpu
# shape: helper, class
# bug-lines: 14, 15, 17, 18
# cpu: clean
# needs: torch

import torch
import torch.nn as nn


def constant_init(module, weight_value, bias_value=0.0):
    weight = module.weight.data.type("torch.FloatTensor")
    nn.init.constant_(weight, weight_value)
    if module.bias is not None:
        bias = module.bias.data.type("torch.FloatTensor")
        nn.init.constant_(bias, bias_value)


class GatedResidual(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.gate = nn.Linear(dim, dim)

    def init_weights(self):
        # start as identity: gate closed, projection zeroed
        constant_init(self.proj, 0.0)
        constant_init(self.gate, 0.0, bias_value=-10.0)

    def forward(self, x):
        return x + torch.sigmoid(self.gate(x)) * self.proj(x)


def build(device):
    block = GatedResidual().to(device)
    block.init_weights()
    return block


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    block = build(device)
    x = torch.randn(4, 32, device=device)
    print("max deviation from identity:", (block(x) - x).abs().max().item())
