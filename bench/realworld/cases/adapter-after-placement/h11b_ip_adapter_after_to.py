# source: https://github.com/Kwai-Kolors/Kolors/issues/72
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: adapter-after-placement
# shape: class, top-level
# bug-lines: 54, 58, 72
# needs: torch
# cpu: no written where torch was not installed; not run
"""Image-prompt (IP-Adapter style) conditioning for a small fp16 latent denoiser."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class CrossAttention(nn.Module):
    def __init__(self, dim, ctx_dim, heads=8):
        super().__init__()
        self.heads = heads
        self.to_q, self.to_out = nn.Linear(dim, dim, bias=False), nn.Linear(dim, dim)
        self.to_k, self.to_v = nn.Linear(ctx_dim, dim, bias=False), nn.Linear(ctx_dim, dim, bias=False)
        self.ip_adapter, self.ip_scale = None, 0.0

    def attend(self, q, k, v):
        b, h = q.shape[0], self.heads
        q, k, v = (t.view(b, -1, h, t.shape[-1] // h).transpose(1, 2) for t in (q, k, v))
        return F.scaled_dot_product_attention(q, k, v).transpose(1, 2).flatten(2)

    def forward(self, x, ctx, ip_tokens=None):
        q = self.to_q(x)
        out = self.attend(q, self.to_k(ctx), self.to_v(ctx))
        if self.ip_adapter is not None and ip_tokens is not None:
            ip_k, ip_v = self.ip_adapter["to_k_ip"](ip_tokens), self.ip_adapter["to_v_ip"](ip_tokens)
            out = out + self.ip_scale * self.attend(q, ip_k, ip_v)
        return self.to_out(out)


class ImageProjection(nn.Module):
    def __init__(self, patch=14, embed_dim=1024, ctx_dim=768):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, embed_dim, patch, stride=patch)
        self.proj, self.norm = nn.Linear(embed_dim, ctx_dim), nn.LayerNorm(ctx_dim)

    def forward(self, pixel_values):
        return self.norm(self.proj(self.patch_embed(pixel_values).flatten(2).transpose(1, 2)))


class StyleDenoiser(nn.Module):
    def __init__(self, dim=320, ctx_dim=768, depth=4):
        super().__init__()
        self.blocks = nn.ModuleList(CrossAttention(dim, ctx_dim) for _ in range(depth))
        self.image_proj = None

    def load_ip_adapter(self, ckpt_path, scale=0.5):
        state = torch.load(ckpt_path, map_location="cpu")
        self.image_proj = ImageProjection().half()
        self.image_proj.load_state_dict(state["image_proj"])
        for i, block in enumerate(self.blocks):
            kv = {name: nn.Linear(768, 320, bias=False) for name in ("to_k_ip", "to_v_ip")}
            block.ip_adapter = nn.ModuleDict(kv).half()
            block.ip_scale = scale
            block.ip_adapter.load_state_dict(state["ip_adapter"][str(i)])

    def forward(self, latents, text_ctx, ip_image=None):
        ip_tokens = self.image_proj(ip_image) if ip_image is not None else None
        for block in self.blocks:
            latents = latents + block(latents, text_ctx, ip_tokens)
        return latents


pipe = StyleDenoiser().half()
pipe.load_state_dict(torch.load("weights/style_denoiser_fp16.pt", map_location="cpu"))
pipe = pipe.to("cuda")
pipe.load_ip_adapter("weights/ip_adapter_plus_general.bin")

with torch.no_grad():
    latents = torch.randn(1, 4096, 320, device="cuda", dtype=torch.float16)
    text_ctx = torch.randn(1, 77, 768, device="cuda", dtype=torch.float16)
    reference = torch.rand(1, 3, 224, 224, device="cuda", dtype=torch.float16)
    torch.save(pipe(latents, text_ctx, ip_image=reference).cpu(), "styled_latents.pt")
