# source: https://github.com/haotian-liu/LLaVA/issues/785
# error: RuntimeError: expected scalar type Float but found BFloat16
# pattern: partial-dtype-cast
# shape: helper, class, loader-loop
# bug-lines: 54
# cpu: raises "mat1 and mat2 must have the same dtype"
# needs: torch
from types import SimpleNamespace

import torch
import torch.nn as nn


class LlamaRMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, hidden_states):
        input_dtype = hidden_states.dtype
        hidden_states = hidden_states.to(torch.float32)
        hidden_states = hidden_states * torch.rsqrt(hidden_states.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * hidden_states.to(input_dtype)


class LoraLinear(nn.Module):
    def __init__(self, dim, r=4):
        super().__init__()
        self.base = nn.Linear(dim, dim)
        self.lora_A = nn.Linear(dim, r, bias=False)
        self.lora_B = nn.Linear(r, dim, bias=False)

    def forward(self, x):
        return self.base(x) + self.lora_B(self.lora_A(x))


class Block(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.input_layernorm = LlamaRMSNorm(dim)
        self.q_proj = LoraLinear(dim)

    def forward(self, x):
        return x + self.q_proj(self.input_layernorm(x))


def prepare_for_kbit_training(model, training_args):
    for name, module in model.named_modules():
        if isinstance(module, LoraLinear):
            if training_args.bf16:
                module.to(torch.bfloat16)
        if "norm" in name:
            module.to(torch.float32)
    return model


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    training_args = SimpleNamespace(bf16=True, lr=2e-5)
    model = nn.Sequential(Block(), Block()).to(device)
    model = prepare_for_kbit_training(model, training_args)
    opt = torch.optim.AdamW(model.parameters(), lr=training_args.lr)
    for step in range(2):
        x = torch.randn(2, 5, 16, device=device, dtype=torch.bfloat16)
        loss = model(x).float().pow(2).mean()
        loss.backward()
        opt.step()
        opt.zero_grad()
        print(step, loss.item())
