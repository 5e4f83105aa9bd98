import torch
import torch.nn as nn


class InternRMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        h = x.to(torch.float32)
        return self.weight * (h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + self.eps))


class VisionEncoder(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, kernel_size=16, stride=16)
        self.norm1 = InternRMSNorm(dim)
        self.mlp = nn.Linear(dim, dim)

    def forward(self, pixels):
        x = self.patch_embed(pixels).flatten(2).transpose(1, 2)
        return x + self.mlp(self.norm1(x))


# Every module cast alike: the bfloat16 run ends with a float32 model.
def build_all_float(args, device):
    encoder = VisionEncoder().to(device)
    if args.bf16:
        encoder = encoder.to(torch.bfloat16)
    for module in encoder.modules():
        module.float()
    return encoder(torch.randn(1, 3, 224, 224, device=device))


# The upcast norms only meet the bfloat16 layers under autocast, which casts each
# op's inputs.
def build_under_autocast(args, device, loader):
    encoder = VisionEncoder().to(device)
    if args.bf16:
        encoder = encoder.to(torch.bfloat16)
    for name, module in encoder.named_modules():
        if "norm" in name:
            module.float()
    with torch.autocast(device_type="cuda", dtype=torch.bfloat16):
        return [encoder(pixels.to(device)) for pixels in loader]
