# source: https://github.com/Shakker-Labs/ComfyUI-IPAdapter-Flux/issues/47
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run

import torch.nn as nn
import torch.nn.functional as F


class DefaultAttnProcessor:
    """Plain attention; replaced per layer when an adapter is installed."""

    def __call__(self, attn, hidden_states, context=None, image_emb=None):
        ctx = hidden_states if context is None else context
        q = attn.to_q(hidden_states)
        k = attn.to_k(ctx)
        v = attn.to_v(ctx)
        out = F.scaled_dot_product_attention(q, k, v)
        return attn.to_out(out)


class Attention(nn.Module):
    def __init__(self, dim, context_dim):
        super().__init__()
        self.to_q = nn.Linear(dim, dim)
        self.to_k = nn.Linear(context_dim, dim)
        self.to_v = nn.Linear(context_dim, dim)
        self.to_out = nn.Linear(dim, dim)
        self.processor = DefaultAttnProcessor()

    def set_processor(self, processor):
        self.processor = processor

    def forward(self, hidden_states, context=None, image_emb=None):
        return self.processor(self, hidden_states, context, image_emb)


class TransformerBlock(nn.Module):
    def __init__(self, dim, context_dim):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, context_dim)
        self.norm2 = nn.LayerNorm(dim)
        self.ff = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x, context, image_emb=None):
        x = x + self.attn(self.norm1(x), context, image_emb)
        return x + self.ff(self.norm2(x))


class TinyFluxTransformer(nn.Module):
    def __init__(self, in_channels=16, dim=256, context_dim=512, depth=4):
        super().__init__()
        self.dim = dim
        self.context_dim = context_dim
        self.proj_in = nn.Linear(in_channels, dim)
        self.blocks = nn.ModuleList([TransformerBlock(dim, context_dim) for _ in range(depth)])
        self.proj_out = nn.Linear(dim, in_channels)

    def attn_modules(self):
        return [block.attn for block in self.blocks]

    def forward(self, latents, context, image_emb=None):
        x = self.proj_in(latents)
        for block in self.blocks:
            x = block(x, context, image_emb)
        return self.proj_out(x)
