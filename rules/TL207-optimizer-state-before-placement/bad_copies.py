import copy

import torch
import torch.nn as nn


def build_model():
    return nn.Sequential(nn.Linear(24, 64), nn.ReLU(), nn.Linear(64, 8))


class Lookahead:
    """An optimizer wrapper: k fast steps, then a pull towards the slow weights."""

    def __init__(self, optimizer, alpha=0.5):
        self.optimizer = optimizer
        self.alpha = alpha
        # Copies of the parameters, made where they are now (on the CPU, below).
        self.slow = [[p.clone().detach() for p in g["params"]] for g in optimizer.param_groups]

    def step(self):
        self.optimizer.step()
        for group, slow in zip(self.optimizer.param_groups, self.slow):
            for p, q in zip(group["params"], slow):
                q.add_(p.detach() - q, alpha=self.alpha)
                p.data.copy_(q)


def lookahead(loader):
    model = build_model()
    optimizer = Lookahead(torch.optim.Adam(model.parameters(), lr=1e-3))
    # Module.to() moves the parameters in place: the slow weights stay on the CPU.
    model.cuda()  # expect: TL207:5 lines=18,30,24
    for x, y in loader:
        nn.functional.mse_loss(model(x.cuda()), y.cuda()).backward()
        optimizer.step()


def init_ema(model):
    return {name: p.detach().clone() for name, p in model.named_parameters()}


def update_ema(ema, model, decay=0.999):
    with torch.no_grad():
        for name, p in model.named_parameters():
            ema[name].mul_(decay).add_(p, alpha=1 - decay)


def train_with_ema(loader, device):
    model = build_model()
    ema = init_ema(model)  # shadow weights copied while the model is on the CPU
    model.to(device)  # expect: TL207:5 lines=39,50,45
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
        optimizer.step()
        update_ema(ema, model)


class EMA:
    def __init__(self, model, decay=0.999):
        self.model, self.decay = model, decay
        self.shadow = [copy.deepcopy(p.data) for p in model.parameters()]

    def update(self):
        for s, p in zip(self.shadow, self.model.parameters()):
            s.lerp_(p.detach(), 1 - self.decay)


def train_with_ema_class(loader):
    model = build_model()
    ema = EMA(model)
    if torch.cuda.is_available():
        model = model.cuda()  # expect: TL207:17 lines=62,71,66
    for x, y in loader:
        nn.functional.mse_loss(model(x.cuda()), y.cuda()).backward()
        ema.update()
