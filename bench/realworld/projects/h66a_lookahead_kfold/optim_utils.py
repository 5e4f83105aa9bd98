# source: https://github.com/lonePatient/lookahead_pytorch/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


class Lookahead:
    """Lookahead wrapper (k fast steps, then pull towards the slow weights)."""

    def __init__(self, base_optimizer, k=5, alpha=0.5):
        if not 0.0 <= alpha <= 1.0:
            raise ValueError(f"invalid slow step size: {alpha}")
        self.optimizer = base_optimizer
        self.param_groups = base_optimizer.param_groups
        self.k = k
        self.alpha = alpha
        self.step_counter = 0
        self.slow_weights = [
            [p.detach().clone() for p in group["params"]]
            for group in self.param_groups
        ]

    @torch.no_grad()
    def step(self, closure=None):
        loss = self.optimizer.step(closure)
        self.step_counter += 1
        if self.step_counter % self.k == 0:
            for group, slow_group in zip(self.param_groups, self.slow_weights):
                for fast, slow in zip(group["params"], slow_group):
                    slow.add_(fast - slow, alpha=self.alpha)
                    fast.copy_(slow)
        return loss

    def zero_grad(self, set_to_none=True):
        self.optimizer.zero_grad(set_to_none=set_to_none)

    def state_dict(self):
        return {"base": self.optimizer.state_dict(), "slow": self.slow_weights,
                "step_counter": self.step_counter}


def build_optimizer(model, lr=1e-3, weight_decay=1e-2):
    decay, no_decay = [], []
    for _, param in model.named_parameters():
        (no_decay if param.ndim == 1 else decay).append(param)
    base = torch.optim.AdamW(
        [{"params": decay, "weight_decay": weight_decay},
         {"params": no_decay, "weight_decay": 0.0}],
        lr=lr,
    )
    return Lookahead(base, k=5, alpha=0.5)
