import torch
from torch import nn


class Counter(nn.Module):
    def __init__(self, features: int) -> None:
        super().__init__()
        self.fc = nn.Linear(features, 2)
        # Registered in __init__: the model's later .to(device) moves it.
        self.register_buffer("steps", torch.zeros(1, dtype=torch.long))
        self.register_buffer("cache", torch.zeros(features), persistent=False)
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x):
        return self.fc(x) * self.scale


def build(device):
    return Counter(16).to(device)


def count_flops(model, inputs):
    # Each counter is made where the module's own weights are.
    for m in model.modules():
        weight = next(m.parameters(), None)
        if weight is not None:
            m.register_buffer("total_ops", torch.zeros(1, device=weight.device))
    with torch.no_grad():
        model(*inputs)


def profile_placed(device):
    model = nn.Sequential(nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2)).to(device)
    count_flops(model, (torch.randn(1, 16, device=device),))
    return model


def profile_then_place(device):
    # Profiled on the CPU first: the move afterwards takes the counters along.
    model = nn.Sequential(nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2))
    count_flops(model, (torch.randn(1, 16),))
    return model.to(device)


def add_masks(device):
    model = nn.Sequential(nn.Linear(16, 16), nn.Linear(16, 2)).to(device)
    for _, module in model.named_modules():
        if isinstance(module, nn.Linear):
            # Made on the device the model was moved to, or like its weights.
            module.register_buffer("mask", torch.ones(16, device=device))
            module.register_buffer("grad_ema", torch.zeros_like(module.weight))
            module.register_buffer("seen", torch.zeros(1).to(device))
    return model


def add_scale_then_move(device):
    model = nn.Sequential(nn.Linear(16, 2)).cuda()
    model.register_parameter("temperature", nn.Parameter(torch.ones(1)))
    # Moved again after the registration: everything is on the GPU.
    model.cuda()
    return model


def moved_by_hand(device):
    model = nn.Sequential(nn.Linear(16, 2)).to(device)
    model.register_buffer("total_ops", torch.zeros(1))
    model.total_ops = model.total_ops.to(device)
    return model


def not_registered(device):
    # A plain tensor attribute is not a buffer (TL301's matter, not this rule's).
    model = nn.Sequential(nn.Linear(16, 2)).to(device)
    model.history = torch.zeros(10)
    return model


def add_counter(m):
    m.register_buffer("total_params", torch.zeros(1, dtype=torch.float64))


def count_then_place(device):
    # The counters are registered before the move: they move with the model.
    model = nn.Sequential(nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2))
    model.apply(add_counter)
    return model.to(device)
