# source: https://github.com/dptech-corp/Uni-Core/issues/42
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: multi-file, class
# bug-lines: 24, 32
# needs: torch
# cpu: no written where torch was not installed; not run
"""Exponential moving average of the model weights, kept as a frozen copy."""
from copy import deepcopy

import torch


class ExponentialMovingAverageModel:
    def __init__(self, model, decay):
        self.model_ema = deepcopy(model)
        self.model_ema.requires_grad_(False)
        self.decay = decay
        self.name2param = self.get_name2param()

    def get_name2param(self):
        name2param = {}
        for n, p in self.model_ema.named_parameters():
            name2param[n] = p.detach()
        return name2param

    def to(self, device):
        self.model_ema.to(device)
        return self

    def update_one_param(self, ema_param, new_param):
        diff = ema_param - new_param
        diff *= 1 - self.decay
        ema_param -= diff

    @torch.no_grad()
    def update(self, named_params):
        for n, p in named_params:
            if n in self.name2param:
                self.update_one_param(self.name2param[n], p)

    def state_dict(self):
        return {"params": self.model_ema.state_dict(), "decay": self.decay}

    def load_state_dict(self, state):
        self.model_ema.load_state_dict(state["params"])
        self.decay = state.get("decay", self.decay)
