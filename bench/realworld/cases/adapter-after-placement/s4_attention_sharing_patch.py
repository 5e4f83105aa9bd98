# source: https://github.com/huchenlei/ComfyUI-layerdiffuse/issues/104 https://github.com/huchenlei/ComfyUI-layerdiffuse/pull/128
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: class, helper
# bug-lines: 60, 71
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, rank=4):
        super().__init__()
        self.base = base
        self.down = nn.Linear(base.in_features, rank, bias=False)
        self.up = nn.Linear(rank, base.out_features, bias=False)
        nn.init.zeros_(self.up.weight)

    def forward(self, x):
        return self.base(x) + self.up(self.down(x))


class AttentionSharingUnit(nn.Module):
    """Wraps an attention block: LoRA on its projections plus a temporal mixer."""

    def __init__(self, attn: nn.MultiheadAttention, frames=2, rank=4):
        super().__init__()
        self.attn = attn
        self.frames = frames
        dim = attn.embed_dim
        self.in_lora = LoRALinear(nn.Linear(dim, dim), rank)
        self.temporal = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, dim))

    def forward(self, x):
        h = self.in_lora(x)
        out, _ = self.attn(h, h, h, need_weights=False)
        b = out.shape[0] // self.frames
        shared = out.view(self.frames, b, *out.shape[1:]).mean(0, keepdim=True)
        return out + self.temporal(shared).expand(self.frames, -1, -1, -1).reshape_as(out)


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.attn1 = nn.MultiheadAttention(dim, 4, batch_first=True)
        self.ff = nn.Linear(dim, dim)

    def forward(self, x):
        a = self.attn1(x) if isinstance(self.attn1, AttentionSharingUnit) else self.attn1(x, x, x)[0]
        return x + self.ff(a)


class AttentionSharingPatcher:
    def __init__(self, frames=2, rank=4):
        self.frames, self.rank = frames, rank

    def patch(self, unet: nn.Module):
        for block in unet:
            block.attn1 = AttentionSharingUnit(block.attn1, self.frames, self.rank)
        return unet


def load_unet(device, dim=32):
    unet = nn.Sequential(*[Block(dim) for _ in range(3)])
    return unet.to(device).eval()


def sample(device):
    unet = load_unet(device)
    unet = AttentionSharingPatcher(frames=2).patch(unet)
    latents = torch.randn(4, 16, 32, device=device)
    with torch.no_grad():
        return unet(latents)


if __name__ == "__main__":
    dev = "cuda:0" if torch.cuda.is_available() else "cpu"
    print(sample(dev).shape)
