# source: https://github.com/huggingface/peft/issues/581
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: multi-file, class, helper
# bug-lines: 23
# cpu: clean
# needs: torch
import torch
from torch import nn


class SVDLinear(nn.Module):
    def __init__(self, base: nn.Linear, r=6, lora_alpha=32, lora_dropout=0.05):
        super().__init__()
        self.base = base
        self.r = r
        self.scaling = lora_alpha if lora_alpha > 0 else float(r)
        self.lora_dropout = nn.Dropout(lora_dropout)
        weight = base.weight
        self.lora_A = nn.Parameter(torch.randn(r, base.in_features, device=weight.device, dtype=weight.dtype) * 0.02)
        self.lora_E = nn.Parameter(torch.zeros(r, 1, device=weight.device, dtype=weight.dtype))
        self.lora_B = nn.Parameter(torch.randn(base.out_features, r, device=weight.device, dtype=weight.dtype) * 0.02)
        self.ranknum = nn.Parameter(torch.zeros(1), requires_grad=False)
        self.ranknum.data.fill_(float(r))
        base.weight.requires_grad_(False)
        if base.bias is not None:
            base.bias.requires_grad_(False)

    def forward(self, x):
        result = self.base(x)
        delta = self.lora_dropout(x) @ (self.lora_A * self.lora_E).T @ self.lora_B.T
        return result + delta * self.scaling / (self.ranknum + 1e-5)


def inject_adalora(model, target_modules=("query_key_value",), r=6):
    for name, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            if child_name in target_modules and isinstance(child, nn.Linear):
                setattr(module, child_name, SVDLinear(child, r=r))
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print(f"trainable params: {trainable}")
    return model
