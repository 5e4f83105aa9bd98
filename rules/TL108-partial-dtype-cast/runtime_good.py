# The fixed twin of runtime_bad.py (docs/runtime.md): the upcast model runs under
# autocast, which casts each layer's input; it runs clean.
import torch
from torch import nn


def cast_trainable_to_fp32(model):
    for param in filter(lambda p: p.requires_grad, model.parameters()):
        param.data = param.data.to(torch.float32)


if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 2))
    model[0].requires_grad_(False)
    model.to(torch.bfloat16)
    cast_trainable_to_fp32(model)
    with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
        print(model(torch.randn(4, 8, dtype=torch.bfloat16)))
