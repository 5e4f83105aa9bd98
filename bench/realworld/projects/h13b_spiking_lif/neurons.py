# source: https://github.com/jeshraghian/snntorch/issues/316 https://github.com/jeshraghian/snntorch/issues/225
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop
# bug-lines: 29, 41
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class FastSigmoidSpike(torch.autograd.Function):
    @staticmethod
    def forward(ctx, mem_shift, slope):
        ctx.save_for_backward(mem_shift)
        ctx.slope = slope
        return (mem_shift > 0).float()

    @staticmethod
    def backward(ctx, grad_output):
        (mem_shift,) = ctx.saved_tensors
        grad = grad_output / (ctx.slope * mem_shift.abs() + 1.0) ** 2
        return grad, None


class LeakyIntegrator(nn.Module):
    def __init__(self, beta, threshold=1.0, slope=25.0):
        super().__init__()
        self.beta = torch.as_tensor(beta, dtype=torch.float32)
        self.threshold = threshold
        self.slope = slope
        self.mem = None

    def reset_state(self):
        self.mem = None

    def forward(self, current):
        if self.mem is None:
            self.mem = torch.zeros_like(current)
        reset = (self.mem > self.threshold).float().detach()
        self.mem = self.beta * self.mem + current - reset * self.threshold
        return FastSigmoidSpike.apply(self.mem - self.threshold, self.slope)

    def extra_repr(self):
        return f"neurons={self.beta.numel()}, threshold={self.threshold}"
