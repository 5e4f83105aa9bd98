import torch
from torch import nn


def count_flops(model, inputs):
    # A profiler (thop's shape): a counter on every leaf module of the model it is
    # handed. torch.zeros makes it on the CPU, and the caller's model is on the GPU:
    # DataParallel then refuses it ("module must have its parameters and buffers on
    # device cuda:0 but found one of them on device: cpu").
    for m in model.modules():
        if len(list(m.children())) == 0:
            m.register_buffer("total_ops", torch.zeros(1, dtype=torch.float64))  # expect: TL202:13 lines=21,20
    with torch.no_grad():
        model(*inputs)
    return sum(m.total_ops.item() for m in model.modules() if hasattr(m, "total_ops"))


def profile_then_train(device):
    model = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.Flatten(), nn.LazyLinear(10))
    model = model.to(device)
    flops = count_flops(model, (torch.randn(1, 3, 32, 32, device=device),))
    return nn.DataParallel(model), flops


def add_pruning_masks(device):
    model = nn.Sequential(nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2)).cuda()
    for _, module in model.named_modules():
        if isinstance(module, nn.Linear):
            # Not saved with the model (persistent=False), but still on the CPU.
            mask = torch.ones(module.out_features, module.in_features)
            module.register_buffer("weight_mask", mask, persistent=False)  # expect: TL202:13 lines=26
    return model


def add_branch_scales(model):
    # A learnable scale per branch, made on the CPU, for a model placed before the call.
    for child in model.children():
        child.scale = nn.Parameter(torch.ones(1))  # expect: TL202:9 lines=44,43
    return model


def finetune(model, device):
    model.to(device)
    model = add_branch_scales(model)
    return model


class Classifier(nn.Module):
    def __init__(self, features: int) -> None:
        super().__init__()
        self.fc = nn.Linear(features, 2)

    def calibrate(self, value: float) -> None:
        # Called on a model that is already placed (see evaluate).
        self.register_buffer("temperature", torch.full((1,), value))  # expect: TL202:9 lines=63,62

    def forward(self, x):
        return self.fc(x) / self.temperature


def evaluate(device):
    model = Classifier(16).to(device)
    model.calibrate(1.5)
    return model


def add_counter(m):
    # thop's own shape: model.apply(add_counter) runs this on every part of the model.
    m.register_buffer("total_params", torch.zeros(1, dtype=torch.float64))  # expect: TL202:5 lines=74,73


def count_params(device):
    model = nn.Sequential(nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 2)).to(device)
    model.apply(add_counter)
    return nn.DataParallel(model)
