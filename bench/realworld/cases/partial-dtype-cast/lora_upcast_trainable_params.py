# source: https://github.com/unslothai/unsloth/issues/320
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: c10::BFloat16 != float
# pattern: partial-dtype-cast
# shape: helper, class, loader-loop
# bug-lines: 22, 39
# cpu: raises "expected m1 and m2 to have the same dtype"
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


class LoraLinear(nn.Module):
    def __init__(self, base, r=8, alpha=16):
        super().__init__()
        self.base = base
        self.lora_A = nn.Parameter(torch.randn(r, base.in_features, dtype=base.weight.dtype) * 0.01)
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r, dtype=base.weight.dtype))
        self.scaling = alpha / r

    def forward(self, x):
        return self.base(x) + (x @ self.lora_A.t() @ self.lora_B.t()) * self.scaling


def get_peft_model(model, target_modules=("q_proj", "v_proj")):
    for name, module in list(model.named_children()):
        if name in target_modules:
            setattr(model, name, LoraLinear(module))
        else:
            get_peft_model(module, target_modules)
    for n, p in model.named_parameters():
        p.requires_grad = "lora_" in n
    return model


def prepare_for_training(model, use_gradient_checkpointing=False):
    for param in model.parameters():
        if param.requires_grad:
            param.data = param.data.float()
    if use_gradient_checkpointing:
        model.gradient_checkpointing = True
    return model


class Block(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.q_proj = nn.Linear(dim, dim)
        self.v_proj = nn.Linear(dim, dim)
        self.o_proj = nn.Linear(dim, dim)

    def forward(self, x):
        return self.o_proj(F.silu(self.q_proj(x)) * self.v_proj(x))


model = nn.Sequential(Block(), Block()).to(torch.bfloat16)
model = get_peft_model(model)
model = prepare_for_training(model)
optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=2e-4)

batches = [torch.randn(4, 16, 32, dtype=torch.bfloat16) for _ in range(3)]
for step, hidden in enumerate(batches):
    out = model(hidden)
    loss = out.float().pow(2).mean()
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
