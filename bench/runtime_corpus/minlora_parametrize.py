# source: https://github.com/cccntu/minLoRA/blob/main/minlora/model.py (and utils.py)
# what: LoRA through torch.nn.utils.parametrize: add_lora registers a LoRAParametrization
#   (lora_A/lora_B made on the CPU) on each Linear of the model, which goes to the GPU
#   after that (registering runs the parametrization once, so adding it to a model
#   already on the GPU fails, on a GPU as under simulation); the optimizer gets only the
#   LoRA parameters, merge_lora folds the update into the weight.
# shrunk: a 2-layer MLP, rank 4, 3 steps.
import math
from functools import partial

import torch
import torch.nn.utils.parametrize as parametrize
from torch import nn


class LoRAParametrization(nn.Module):
    def __init__(
        self, fan_in, fan_out, fan_in_fan_out=False, rank=4, lora_dropout_p=0.0, lora_alpha=1
    ):
        super().__init__()
        self.swap = (lambda x: (x[1], x[0])) if fan_in_fan_out else (lambda x: x)
        self.lora_A = nn.Parameter(torch.zeros(self.swap((rank, fan_in))))
        self.lora_B = nn.Parameter(torch.zeros(self.swap((fan_out, rank))))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = lora_alpha / rank
        self.lora_dropout = nn.Dropout(p=lora_dropout_p) if lora_dropout_p > 0 else lambda x: x
        self.register_buffer(
            "lora_dropout_mask", torch.ones(self.swap((1, fan_in)), dtype=self.lora_A.dtype)
        )
        self.forward_fn = self.lora_forward

    def lora_forward(self, X):
        return (
            X
            + torch.matmul(*self.swap((self.lora_B, self.lora_dropout(self.lora_A)))).view(X.shape)
            * self.scaling
        )

    def forward(self, X):
        return self.forward_fn(X)

    @classmethod
    def from_linear(cls, layer, rank=4, lora_dropout_p=0.0, lora_alpha=1):
        fan_out, fan_in = layer.weight.shape
        return cls(fan_in, fan_out, rank=rank, lora_dropout_p=lora_dropout_p, lora_alpha=lora_alpha)


default_lora_config = {nn.Linear: {"weight": partial(LoRAParametrization.from_linear, rank=4)}}


def apply_lora(layer, register=True, merge=False, lora_config=default_lora_config):
    if register:
        if type(layer) in lora_config:
            for attr_name, parametrization in lora_config[type(layer)].items():
                parametrize.register_parametrization(layer, attr_name, parametrization(layer))
    else:
        if hasattr(layer, "parametrizations"):
            for attr_name in list(layer.parametrizations.keys()):
                parametrize.remove_parametrizations(layer, attr_name, leave_parametrized=merge)


def add_lora(model, lora_config=default_lora_config):
    model.apply(partial(apply_lora, lora_config=lora_config))


def merge_lora(model):
    model.apply(partial(apply_lora, register=False, merge=True))


def get_lora_params(model):
    for n, p in model.named_parameters():
        if "lora" in n:
            yield p


device = "cuda" if torch.cuda.is_available() else "cpu"
model = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 4))
add_lora(model)
model.to(device)
optimizer = torch.optim.AdamW(get_lora_params(model), lr=1e-3)
x = torch.randn(8, 16, device=device)
y = torch.randint(0, 4, (8,), device=device)
for step in range(3):
    loss = nn.functional.cross_entropy(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(f"step {step}: loss {loss.item():.4f}")
merge_lora(model)
print(model(x).argmax(-1).cpu().tolist())
