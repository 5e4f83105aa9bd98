# source: https://github.com/LibreYOLO/libreyolo/pull/541
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def build_2d_sincos_position_embedding(w, h, embed_dim=256, temperature=10000.0):
    grid_w = torch.arange(int(w), dtype=torch.float32)
    grid_h = torch.arange(int(h), dtype=torch.float32)
    grid_w, grid_h = torch.meshgrid(grid_w, grid_h, indexing="ij")
    pos_dim = embed_dim // 4
    omega = 1.0 / temperature ** (torch.arange(pos_dim, dtype=torch.float32) / pos_dim)
    out_w = grid_w.flatten()[..., None] @ omega[None]
    out_h = grid_h.flatten()[..., None] @ omega[None]
    return torch.cat([out_w.sin(), out_w.cos(), out_h.sin(), out_h.cos()], dim=1)[None]


class HybridEncoder(nn.Module):
    """Transformer encoder over the flattened stride-32 feature map (RT-DETR style)."""

    def __init__(self, hidden_dim=256, nhead=8, pe_temperature=10000.0):
        super().__init__()
        self.hidden_dim = hidden_dim
        self.pe_temperature = pe_temperature
        layer = nn.TransformerEncoderLayer(hidden_dim, nhead, 1024, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=1)
        self._pos_embed_cache = {}

    def _get_pos_embed(self, h, w, src_flatten):
        key = (h, w)
        pos_embed = self._pos_embed_cache.get(key)
        if pos_embed is None:
            pos_embed = build_2d_sincos_position_embedding(w, h, self.hidden_dim,
                                                           self.pe_temperature)
            self._pos_embed_cache[key] = pos_embed
        return pos_embed.to(device=src_flatten.device, dtype=src_flatten.dtype)

    def forward(self, feat):
        b, c, h, w = feat.shape
        src_flatten = feat.flatten(2).permute(0, 2, 1)
        pos_embed = self._get_pos_embed(h, w, src_flatten)
        memory = self.encoder(src_flatten + pos_embed)
        return memory.permute(0, 2, 1).reshape(b, c, h, w)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    enc = HybridEncoder().to(device).eval()
    with torch.no_grad(), torch.autocast(device_type=device.type, enabled=device.type == "cuda"):
        for size in (640, 800, 640):
            feat = torch.randn(2, 256, size // 32, size // 32, device=device)
            print(size, tuple(enc(feat).shape))
