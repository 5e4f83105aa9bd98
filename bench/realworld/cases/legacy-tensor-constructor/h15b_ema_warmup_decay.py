# source: https://github.com/lucidrains/ema-pytorch/pull/23
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: class, helper, loader-loop
# bug-lines: 28
# needs: torch
# cpu: no written where torch was not installed; not run
import copy

import torch
import torch.nn as nn


def get_device(module):
    return next(module.parameters()).device


class EMA(nn.Module):
    def __init__(self, model, beta=0.9999, update_after_step=100, inv_gamma=1.0, power=2 / 3):
        super().__init__()
        self.online_model = [model]
        self.ema_model = copy.deepcopy(model).requires_grad_(False)
        self.beta = beta
        self.update_after_step = update_after_step
        self.inv_gamma = inv_gamma
        self.power = power
        device = get_device(model)
        self.register_buffer("step", torch.Tensor([0], device=device))

    def current_decay(self):
        epoch = (self.step - self.update_after_step - 1).clamp(min=0.0)
        value = 1 - (1 + epoch / self.inv_gamma) ** -self.power
        return value.clamp(min=0.0, max=self.beta).item()

    @torch.no_grad()
    def update(self):
        self.step += 1
        if self.step.item() <= self.update_after_step:
            self.ema_model.load_state_dict(self.online_model[0].state_dict())
            return
        decay = self.current_decay()
        for ema_p, p in zip(self.ema_model.parameters(), self.online_model[0].parameters()):
            ema_p.lerp_(p, 1.0 - decay)


if __name__ == "__main__":
    device = torch.device("cuda")
    net = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 10)).to(device)
    ema = EMA(net, beta=0.999, update_after_step=10)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    batches = [(torch.randn(64, 784), torch.randint(0, 10, (64,))) for _ in range(200)]
    for x, y in batches:
        loss = nn.functional.cross_entropy(net(x.to(device)), y.to(device))
        opt.zero_grad()
        loss.backward()
        opt.step()
        ema.update()
