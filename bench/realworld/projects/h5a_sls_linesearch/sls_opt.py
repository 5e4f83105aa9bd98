# source: https://github.com/IssamLaradji/sls/issues/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, class
# bug-lines: 19
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


class ArmijoSGD(torch.optim.Optimizer):
    """SGD with a backtracking Armijo line search on the step size."""

    def __init__(self, params, init_step=1.0, c=0.1, beta=0.9, max_tries=20):
        defaults = dict(step_size=init_step, c=c, beta=beta, max_tries=max_tries)
        super().__init__(params, defaults)

    def _grad_norm(self, params):
        total = torch.tensor(0.0).cuda()
        for p in params:
            if p.grad is not None:
                total += p.grad.pow(2).sum()
        return total.sqrt()

    @torch.no_grad()
    def step(self, closure):
        group = self.param_groups[0]
        params = [p for p in group["params"] if p.grad is not None]
        with torch.enable_grad():
            loss = closure()
        gnorm = self._grad_norm(params)
        start = [p.detach().clone() for p in params]
        step = group["step_size"]
        for _ in range(group["max_tries"]):
            for p, p0 in zip(params, start):
                p.copy_(p0 - step * p.grad)
            new_loss = closure()
            if new_loss <= loss - group["c"] * step * gnorm ** 2:
                break
            step *= group["beta"]
        group["step_size"] = step
        return loss
