# source: https://github.com/DingXiaoH/RepVGG/pull/2
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# bug-lines: 49, 53
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Re-parameterisable 3x3 block (RepVGG-style) used in the lip-reading visual frontend."""
import numpy as np
import torch
import torch.nn as nn


def conv_bn(in_ch, out_ch, kernel_size, stride, padding):
    return nn.Sequential(
        nn.Conv2d(in_ch, out_ch, kernel_size, stride, padding, bias=False),
        nn.BatchNorm2d(out_ch),
    )


class RepConvBlock(nn.Module):
    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.in_ch = in_ch
        self.identity = nn.BatchNorm2d(in_ch) if in_ch == out_ch and stride == 1 else None
        self.dense = conv_bn(in_ch, out_ch, 3, stride, 1)
        self.pointwise = conv_bn(in_ch, out_ch, 1, stride, 0)
        self.act = nn.ReLU(inplace=True)
        self.fused = None

    def forward(self, x):
        if self.fused is not None:
            return self.act(self.fused(x))
        out = self.dense(x) + self.pointwise(x)
        if self.identity is not None:
            out = out + self.identity(x)
        return self.act(out)

    def _fuse_bn_tensor(self, branch):
        if branch is None:
            return 0, 0
        if isinstance(branch, nn.Sequential):
            kernel, bn = branch[0].weight, branch[1]
        else:
            if not hasattr(self, "id_tensor"):
                kernel_value = np.zeros((self.in_ch, self.in_ch, 3, 3), dtype=np.float32)
                for i in range(self.in_ch):
                    kernel_value[i, i, 1, 1] = 1
                self.id_tensor = torch.from_numpy(kernel_value)
            kernel, bn = self.id_tensor, branch
        std = (bn.running_var + bn.eps).sqrt()
        t = (bn.weight / std).reshape(-1, 1, 1, 1)
        return kernel * t, bn.bias - bn.running_mean * bn.weight / std

    def get_equivalent_kernel_bias(self):
        k3, b3 = self._fuse_bn_tensor(self.dense)
        k1, b1 = self._fuse_bn_tensor(self.pointwise)
        kid, bid = self._fuse_bn_tensor(self.identity)
        k1 = nn.functional.pad(k1, [1, 1, 1, 1])
        return k3 + k1 + kid, b3 + b1 + bid

    @torch.no_grad()
    def switch_to_deploy(self):
        kernel, bias = self.get_equivalent_kernel_bias()
        conv = self.dense[0]
        self.fused = nn.Conv2d(conv.in_channels, conv.out_channels, 3, conv.stride, 1, bias=True)
        self.fused.to(kernel.device)
        self.fused.weight.copy_(kernel)
        self.fused.bias.copy_(bias)
        del self.dense, self.pointwise, self.identity
        self.dense = self.pointwise = self.identity = None
