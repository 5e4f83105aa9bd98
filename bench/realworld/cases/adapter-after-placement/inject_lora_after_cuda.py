# source: https://github.com/ViperEkura/AstrAI/pull/19
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: helper, class, loader-loop
# bug-lines: 22, 23, 66
# cpu: clean
# needs: torch
import math

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, rank: int = 8, alpha: float = 16.0):
        super().__init__()
        self.base = base
        self.base.weight.requires_grad_(False)
        self.scaling = alpha / rank
        # new factors use the factory defaults
        self.lora_A = nn.Parameter(torch.randn(rank, base.in_features) / math.sqrt(rank))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, rank))

    def forward(self, x):
        delta = (x @ self.lora_A.t()) @ self.lora_B.t()
        return self.base(x) + delta * self.scaling


def inject_lora(model: nn.Module, targets=("q_proj", "v_proj"), rank: int = 8):
    for name, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            if child_name in targets and isinstance(child, nn.Linear):
                setattr(module, child_name, LoRALinear(child, rank=rank))
    return model


class Attention(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.q_proj = nn.Linear(dim, dim)
        self.k_proj = nn.Linear(dim, dim)
        self.v_proj = nn.Linear(dim, dim)
        self.out = nn.Linear(dim, 4)

    def forward(self, x):
        q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(q.size(-1)), dim=-1)
        return self.out((att @ v).mean(dim=1))


def build_loader(n=32, seq=6, dim=16):
    x = torch.randn(n, seq, dim)
    y = torch.randint(0, 4, (n,))
    return DataLoader(TensorDataset(x, y), batch_size=8)


def main():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = Attention(16)
    state = {k: v.clone() for k, v in model.state_dict().items()}  # "pretrained" weights
    model.load_state_dict(state)
    model.to(device)

    # adapters are attached after the model already lives on the GPU
    model = inject_lora(model, rank=4)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=1e-3)

    for x, y in build_loader():
        x, y = x.to(device), y.to(device)
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print("loss", loss.item())


if __name__ == "__main__":
    main()
