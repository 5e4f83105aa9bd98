# source: https://github.com/haotian-liu/LLaVA/issues/785
# error: none (correct: the fp32 norm casts its output back to the activation dtype)
# shape: helper, class, loader-loop
# looks-like: partial-dtype-cast
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        input_dtype = x.dtype
        h = x.float()
        h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + self.eps)
        return (self.weight.float() * h).to(input_dtype)


class Block(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.input_layernorm = RMSNorm(dim)
        self.q_proj = nn.Linear(dim, dim)

    def forward(self, x):
        return x + self.q_proj(self.input_layernorm(x))


def upcast_norms(model):
    for name, module in model.named_modules():
        if "norm" in name:
            module.to(torch.float32)
    return model


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = nn.Sequential(Block(), Block()).to(device=device, dtype=torch.bfloat16)
    model = upcast_norms(model)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
    for step in range(2):
        x = torch.randn(2, 5, 16, device=device, dtype=torch.bfloat16)
        loss = model(x).float().pow(2).mean()
        loss.backward()
        opt.step()
        opt.zero_grad()
        print(step, loss.item())
