# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL108 --confirm rules/TL108-partial-dtype-cast/runtime_bad.py
# The frozen first layer stays bfloat16, the trainable second one is upcast: its
# bfloat16 input fails with 'mat1 and mat2 must have the same dtype'.
import torch
from torch import nn


def cast_trainable_to_fp32(model):
    for param in filter(lambda p: p.requires_grad, model.parameters()):
        param.data = param.data.to(torch.float32)  # expect: TL108:9 lines=17,19


if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 2))
    model[0].requires_grad_(False)
    model.to(torch.bfloat16)
    cast_trainable_to_fp32(model)
    print(model(torch.randn(4, 8, dtype=torch.bfloat16)))
