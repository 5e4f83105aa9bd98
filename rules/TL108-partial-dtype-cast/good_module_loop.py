import torch
import torch.nn as nn
from transformers import AutoModelForCausalLM


def prepare_for_training(model):
    for name, module in model.named_modules():
        if "norm" in name:
            module.to(torch.float32)
    return model


# The forward runs under autocast, which casts each op's inputs.
def train_with_autocast(path, device, loader):
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=torch.bfloat16)
    model = prepare_for_training(model.to(device))
    for batch in loader:
        input_ids = batch["input_ids"].to(device)
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16):
            loss = model(input_ids, labels=input_ids).loss
        loss.backward()


# Every module cast alike: a cast of the whole model.
def all_half(device, x):
    model = nn.Sequential(nn.Linear(16, 4), nn.ReLU(), nn.Linear(4, 16)).to(device)
    for module in model.modules():
        module.half()
    return model(x.to(device).half())


# Picking by dtype casts every half module back: the model is one dtype again.
def upcast_half_modules(device, x):
    model = nn.Sequential(nn.Linear(16, 4), nn.Linear(4, 16)).to(device).half()
    for module in model.modules():
        if isinstance(module, nn.Linear) and module.weight.dtype == torch.float16:
            module.float()
    return model(x.to(device))


# Norms upcast in a float32 model: nothing mixes.
def float_model(device, x):
    model = nn.Sequential(nn.Linear(16, 16), nn.LayerNorm(16)).to(device)
    for name, module in model.named_modules():
        if isinstance(module, nn.LayerNorm):
            module.float()
    return model(x.to(device))


class RMSNorm(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        input_dtype = x.dtype
        h = x.float()
        h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + 1e-6)
        return (self.weight * h).to(input_dtype)


# The upcast norms hand their output back in the activations' dtype.
def norms_cast_back(device, x):
    model = nn.Sequential(nn.Linear(16, 16), RMSNorm(16)).to(device, torch.bfloat16)
    for name, module in model.named_modules():
        if isinstance(module, RMSNorm):
            module.to(torch.float32)
    return model(x.to(device, torch.bfloat16))
