# source: https://github.com/yuhuixu1993/qa-lora/issues/10
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and BFloat16
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop, helper
# needs: torch
# cpu: no written where torch was not installed; not run
"""Group-wise weight fake quantization for quantization-aware fine-tuning (QAT)."""
import torch.nn as nn
import torch.nn.functional as F


class FakeQuantLinear(nn.Linear):
    def __init__(self, in_features, out_features, bias=True, bits=4, group_size=32):
        super().__init__(in_features, out_features, bias=bias)
        self.bits, self.group_size = bits, group_size

    def quantized_weight(self):
        w = self.weight
        qmax = 2 ** (self.bits - 1) - 1
        g = w.view(w.shape[0], -1, self.group_size)
        scale = g.abs().amax(dim=-1, keepdim=True).clamp(min=1e-5) / qmax
        q = (g / scale).round().clamp(-qmax - 1, qmax) * scale
        return (g + (q - g).detach()).view_as(w)  # straight-through estimator

    def forward(self, x):
        return F.linear(x, self.quantized_weight(), self.bias)

    @classmethod
    def from_linear(cls, linear, bits=4, group_size=32):
        qlin = cls(linear.in_features, linear.out_features, linear.bias is not None, bits, group_size)
        qlin.load_state_dict(linear.state_dict())
        return qlin


def convert_to_qat(module, bits=4, group_size=32, skip=("lm_head", "teacher_proj")):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear) and name not in skip:
            setattr(module, name, FakeQuantLinear.from_linear(child, bits, group_size))
        else:
            convert_to_qat(child, bits, group_size, skip)
    return module
