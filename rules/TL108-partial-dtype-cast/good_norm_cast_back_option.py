import torch
import torch.nn as nn


class InternRMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        input_dtype = x.dtype
        h = x.to(torch.float32)
        h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + self.eps)
        # computed in float32, handed back in the activations' dtype
        return (self.weight * h).to(input_dtype)


class VisionEncoder(nn.Module):
    def __init__(self, dim=64):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, kernel_size=16, stride=16)
        self.norm1 = InternRMSNorm(dim)
        self.mlp = nn.Linear(dim, dim)

    def forward(self, pixels):
        x = self.patch_embed(pixels).flatten(2).transpose(1, 2)
        return x + self.mlp(self.norm1(x))


# The float32 norms cast their output back, so the bfloat16 MLP gets bfloat16.
def build_encoder(args, device, loader):
    encoder = VisionEncoder().to(device)
    if args.bf16:
        encoder = encoder.to(torch.bfloat16)
    for name, module in encoder.named_modules():
        if "norm" in name:
            module.float()
    return [encoder(pixels.to(device, torch.bfloat16)) for pixels in loader]
