# source: https://github.com/invoke-ai/invoke-training/pull/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: class, helper, loader-loop
# looks-like: adapter-after-placement
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class LoRALinearLayer(nn.Module):
    def __init__(self, in_features, out_features, rank=4, alpha=1.0, device=None, dtype=None):
        super().__init__()
        factory = {"device": device, "dtype": dtype}
        self.down = nn.Linear(in_features, rank, bias=False, **factory)
        self.up = nn.Linear(rank, out_features, bias=False, **factory)
        self.scale = alpha / rank
        nn.init.zeros_(self.up.weight)

    @classmethod
    def from_layer(cls, layer: nn.Linear, rank=4):
        return cls(layer.in_features, layer.out_features, rank,
                   device=layer.weight.device, dtype=layer.weight.dtype)

    def forward(self, x):
        return self.up(self.down(x)) * self.scale


class LoRABlock(nn.Module):
    def __init__(self, original: nn.Linear, lora: LoRALinearLayer):
        super().__init__()
        self.original = original
        self.lora = lora

    def forward(self, x):
        return self.original(x) + self.lora(x)


def inject_lora_layers(module: nn.Module, targets=("to_q", "to_v"), rank=4):
    injected = []
    for name, child in module.named_children():
        if name in targets and isinstance(child, nn.Linear):
            block = LoRABlock(child, LoRALinearLayer.from_layer(child, rank))
            setattr(module, name, block)
            injected.append(block.lora)
        else:
            injected.extend(inject_lora_layers(child, targets, rank))
    return injected


class Attn(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.to_q, self.to_k, self.to_v = nn.Linear(dim, dim), nn.Linear(dim, dim), nn.Linear(dim, dim)

    def forward(self, x):
        w = torch.softmax(self.to_q(x) @ self.to_k(x).transpose(1, 2) / 32 ** 0.5, -1)
        return w @ self.to_v(x)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = nn.Sequential(Attn(), Attn()).to(device)
    model.requires_grad_(False)
    lora_layers = inject_lora_layers(model)
    opt = torch.optim.AdamW([p for l in lora_layers for p in l.parameters()], lr=1e-3)
    for step in range(3):
        x = torch.randn(2, 8, 32, device=device)
        loss = model(x).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(loss.item())
