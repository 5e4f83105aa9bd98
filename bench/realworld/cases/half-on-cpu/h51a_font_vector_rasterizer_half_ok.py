# source: https://github.com/pytorch/pytorch/issues/52291
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Handwriting-style font generator: renders a user's glyph set from a style vector learned on a few samples."""
import numpy as np
import torch
from torch import nn


def pick_dtype(device, prefer_half=True):
    """fp16 only where the kernels exist; CPU inference stays in fp32."""
    if prefer_half and device.type == "cuda":
        return torch.float16
    return torch.float32


class StyleDecoder(nn.Module):
    def __init__(self, n_glyphs=94, style_dim=128, d=256):
        super().__init__()
        self.glyph_embed = nn.Embedding(n_glyphs, d)
        self.style_proj = nn.Linear(style_dim, d)
        self.blocks = nn.Sequential(*[nn.Sequential(nn.LayerNorm(d), nn.Linear(d, d), nn.GELU()) for _ in range(4)])
        self.to_img = nn.Sequential(nn.LayerNorm(d), nn.Linear(d, 48 * 48))

    def forward(self, glyph_ids, style):
        h = self.glyph_embed(glyph_ids) + self.style_proj(style)
        return torch.sigmoid(self.to_img(self.blocks(h))).view(-1, 1, 48, 48)


class HandFontRenderer:
    def __init__(self, ckpt, device=None, prefer_half=True):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.dtype = pick_dtype(self.device, prefer_half)
        model = StyleDecoder()
        model.load_state_dict(torch.load(ckpt, map_location="cpu"))
        self.model = model.to(self.device, dtype=self.dtype).eval()

    @torch.no_grad()
    def render(self, style_vec, text, charset):
        ids = torch.tensor([charset.index(c) for c in text], device=self.device)
        style = torch.as_tensor(style_vec, device=self.device).to(self.dtype).expand(len(ids), -1)
        return self.model(ids, style).float().cpu().numpy()


if __name__ == "__main__":
    charset = [chr(c) for c in range(33, 127)]
    renderer = HandFontRenderer("hand_font_decoder.pt")
    style = np.load("user_042_style.npy").astype(np.float32)
    sheet = renderer.render(style, "Hello", charset)
    print(sheet.shape, renderer.dtype)
