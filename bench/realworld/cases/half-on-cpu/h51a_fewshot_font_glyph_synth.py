# source: https://github.com/Parskatt/RoMa/issues/26
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 51, 55
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
"""Few-shot font generation: render the missing glyphs of a font from a handful of reference glyphs."""
import numpy as np
import torch
from PIL import Image
from torch import nn


class GlyphTransformer(nn.Module):
    """Style tokens from reference glyphs + content token of the target character -> 64x64 glyph."""

    def __init__(self, n_chars=6763, d=256, patch=8, size=64):
        super().__init__()
        self.size, self.patch = size, patch
        self.patchify = nn.Conv2d(1, d, kernel_size=patch, stride=patch)
        self.char_embed = nn.Embedding(n_chars, d)
        layer = nn.TransformerEncoderLayer(d, nhead=8, dim_feedforward=4 * d, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=6)
        self.norm = nn.LayerNorm(d)
        self.to_pixels = nn.Linear(d, patch * patch)

    def forward(self, refs, char_ids):
        b, k = refs.shape[:2]
        style = self.patchify(refs.flatten(0, 1)).flatten(2).transpose(1, 2)
        style = style.reshape(b, -1, style.shape[-1])
        n = (self.size // self.patch) ** 2
        queries = self.char_embed(char_ids).unsqueeze(1).expand(b, n, -1)
        out = self.norm(self.encoder(torch.cat([queries, style], dim=1))[:, :n])
        pix = torch.sigmoid(self.to_pixels(out))
        g = self.size // self.patch
        return pix.reshape(b, g, g, self.patch, self.patch).permute(0, 1, 3, 2, 4).reshape(b, 1, self.size, self.size)


def load_refs(paths, size=64):
    arrs = [np.asarray(Image.open(p).convert("L").resize((size, size)), dtype=np.float32) / 255.0 for p in paths]
    return torch.from_numpy(np.stack(arrs))[None, :, None]  # (1, K, 1, H, W)


class FontCompleter:
    def __init__(self, ckpt, device=None, dtype=torch.float16):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.dtype = dtype
        model = GlyphTransformer()
        model.load_state_dict(torch.load(ckpt, map_location="cpu"))
        self.model = model.to(device=self.device, dtype=self.dtype).eval()

    @torch.no_grad()
    def complete(self, ref_paths, char_ids):
        refs = load_refs(ref_paths).to(self.device, self.dtype)
        refs = refs.expand(len(char_ids), -1, -1, -1, -1)
        ids = torch.as_tensor(char_ids, device=self.device)
        return self.model(refs, ids).float().cpu()


if __name__ == "__main__":
    completer = FontCompleter("glyph_transformer_gb2312.pt")
    glyphs = completer.complete([f"refs/{c}.png" for c in "永和九年岁"], [1021, 2045, 87])
    for i, g in enumerate(glyphs):
        Image.fromarray((g[0].numpy() * 255).astype(np.uint8)).save(f"out_{i}.png")
