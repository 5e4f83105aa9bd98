# source: https://github.com/AutoGPTQ/AutoGPTQ/issues/60
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class Int8WeightOnlyLinear(nn.Module):
    """Weight-only int8 linear: int8 weights, per-row scales, dequantized at run time."""

    def __init__(self, in_features, out_features, compute_dtype=torch.float16):
        super().__init__()
        self.register_buffer("qweight", torch.zeros(out_features, in_features, dtype=torch.int8))
        self.register_buffer("scales", torch.ones(out_features, 1, dtype=compute_dtype))
        self.register_buffer("bias", torch.zeros(out_features, dtype=compute_dtype))

    @classmethod
    def from_float(cls, linear, compute_dtype=torch.float16):
        q = cls(linear.in_features, linear.out_features, compute_dtype)
        w = linear.weight.detach().float()
        scales = w.abs().amax(dim=1, keepdim=True).clamp_min(1e-8) / 127.0
        q.qweight.copy_(torch.round(w / scales).clamp(-127, 127).to(torch.int8))
        q.scales.copy_(scales.to(compute_dtype))
        if linear.bias is not None:
            q.bias.copy_(linear.bias.detach().to(compute_dtype))
        return q

    def forward(self, x):
        w = self.qweight.to(self.scales.dtype) * self.scales
        return F.linear(x.to(w.dtype), w, self.bias)


def quantize_model(model, compute_dtype=torch.float16):
    for name, child in model.named_children():
        if isinstance(child, nn.Linear):
            setattr(model, name, Int8WeightOnlyLinear.from_float(child, compute_dtype))
        else:
            quantize_model(child, compute_dtype)
    return model
