# source: https://github.com/Deci-AI/super-gradients/pull/632
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Re-parameterizable 3x3 block.  The identity kernel used when folding the
skip branch is a registered (non-persistent) buffer, so it follows the block
through .to(device)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class RepBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.channels = channels
        self.branch_3x3 = nn.Conv2d(channels, channels, 3, padding=1)
        self.branch_1x1 = nn.Conv2d(channels, channels, 1)
        id_tensor = torch.zeros(channels, channels, 3, 3)
        for i in range(channels):
            id_tensor[i, i, 1, 1] = 1.0
        self.register_buffer("id_tensor", id_tensor, persistent=False)
        self.fused = None

    def forward(self, x):
        if self.fused is not None:
            return F.relu(self.fused(x))
        return F.relu(self.branch_3x3(x) + self.branch_1x1(x) + x)

    @torch.no_grad()
    def reparameterize(self):
        kernel = self.branch_3x3.weight + F.pad(self.branch_1x1.weight, [1, 1, 1, 1])
        kernel = kernel + self.id_tensor
        bias = self.branch_3x3.bias + self.branch_1x1.bias
        fused = nn.Conv2d(self.channels, self.channels, 3, padding=1).to(kernel.device)
        fused.weight.copy_(kernel)
        fused.bias.copy_(bias)
        self.fused = fused
        del self.branch_3x3, self.branch_1x1
