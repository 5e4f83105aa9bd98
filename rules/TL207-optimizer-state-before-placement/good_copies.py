import copy

import torch
import torch.nn as nn


def build_model():
    return nn.Sequential(nn.Linear(24, 64), nn.ReLU(), nn.Linear(64, 8))


class Lookahead:
    def __init__(self, optimizer, alpha=0.5):
        self.optimizer = optimizer
        self.alpha = alpha
        self.slow = [[p.clone().detach() for p in g["params"]] for g in optimizer.param_groups]

    def step(self):
        self.optimizer.step()
        for group, slow in zip(self.optimizer.param_groups, self.slow):
            for p, q in zip(group["params"], slow):
                # The slow weights are brought to the parameter before they meet it.
                q = q.to(p.device)
                q.add_(p.detach() - q, alpha=self.alpha)
                p.data.copy_(q)


def lookahead_after_move(loader):
    # Moved before the wrapper copies the parameters: the copies are on the GPU.
    model = build_model().cuda()
    optimizer = Lookahead(torch.optim.Adam(model.parameters(), lr=1e-3))
    for x, y in loader:
        nn.functional.mse_loss(model(x.cuda()), y.cuda()).backward()
        optimizer.step()


def lookahead_moving_its_copies(loader):
    model = build_model()
    optimizer = Lookahead(torch.optim.Adam(model.parameters(), lr=1e-3))
    model.cuda()
    for x, y in loader:
        nn.functional.mse_loss(model(x.cuda()), y.cuda()).backward()
        optimizer.step()


def ema_after_move(loader, device):
    model = build_model()
    model.to(device)
    ema = {name: p.detach().clone() for name, p in model.named_parameters()}
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
        with torch.no_grad():
            for name, p in model.named_parameters():
                ema[name].mul_(0.999).add_(p, alpha=0.001)


def restore_from_copies(loader, device):
    model = build_model()
    backup = [p.detach().clone() for p in model.parameters()]
    model.to(device)
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
    # copy_ copies across devices: the CPU backup is written into the moved parameters.
    with torch.no_grad():
        for p, saved in zip(model.parameters(), backup):
            p.data.copy_(saved)
            p.add_(saved.to(p.device), alpha=0.5)


def ema_copies_moved_by_hand(loader, device):
    model = build_model()
    shadow = [p.detach().clone() for p in model.parameters()]
    model.to(device)
    for s in shadow:
        s.data = s.data.to(device)
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
        for s, p in zip(shadow, model.parameters()):
            s.mul_(0.999).add_(p.detach(), alpha=0.001)


def ema_of_the_whole_module(loader, device):
    model = build_model()
    ema = copy.deepcopy(model)  # a module: moved below with the model
    ema.to(device)
    model.to(device)
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
        with torch.no_grad():
            for e, p in zip(ema.parameters(), model.parameters()):
                e.mul_(0.999).add_(p.detach(), alpha=0.001)


def best_weights_for_saving(loader, device, path):
    model = build_model()
    best = copy.deepcopy(model.state_dict())
    initial = {k: v.clone() for k, v in model.state_dict().items()}
    model.to(device)
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
    torch.save({"best": best, "initial": initial}, path)


class SlowWeights:
    def __init__(self, optimizer, alpha=0.5):
        self.optimizer = optimizer
        self.alpha = alpha
        self.slow = [[p.clone().detach() for p in g["params"]] for g in optimizer.param_groups]

    def step(self):
        self.optimizer.step()
        for group, slow in zip(self.optimizer.param_groups, self.slow):
            for p, q in zip(group["params"], slow):
                q.add_(p.detach() - q, alpha=self.alpha)


def wrapped_after_a_first_move(loader, device):
    model = build_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.to(device)
    # The optimizer holds the parameters themselves: they are on the device by now,
    # and so are the copies the wrapper takes of them.
    wrapped = SlowWeights(optimizer)
    model.to(device)
    for x, y in loader:
        nn.functional.mse_loss(model(x.to(device)), y.to(device)).backward()
        wrapped.step()
