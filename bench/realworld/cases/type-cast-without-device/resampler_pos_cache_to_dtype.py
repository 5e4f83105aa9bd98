# source: https://github.com/ROCm/vllm/pull/977
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-cast-without-device
# shape: class
# bug-lines: 30, 50
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


def get_2d_sincos_pos_embed(dim, grid):
    h, w = grid
    ys, xs = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    freqs = np.arange(dim // 4) / (dim // 4)
    parts = [np.sin(ys[..., None] * freqs), np.cos(ys[..., None] * freqs),
             np.sin(xs[..., None] * freqs), np.cos(xs[..., None] * freqs)]
    return np.concatenate(parts, axis=-1).astype(np.float32)


class Resampler(nn.Module):
    def __init__(self, num_queries=8, embed_dim=32, max_size=(16, 16)):
        super().__init__()
        self.embed_dim = embed_dim
        self.query = nn.Parameter(torch.randn(num_queries, embed_dim))
        self.attn = nn.MultiheadAttention(embed_dim, 4)
        self.kv_proj = nn.Linear(embed_dim, embed_dim)
        self.max_size = max_size
        self._set_2d_pos_cache(self.max_size, device="cpu")

    def _set_2d_pos_cache(self, max_size, device="cpu"):
        pos = torch.from_numpy(get_2d_sincos_pos_embed(self.embed_dim, max_size)).to(device)
        self.register_buffer("pos_embed", pos, persistent=False)

    def _adjust_pos_cache(self, tgt_sizes, device):
        max_h = int(tgt_sizes[:, 0].max())
        max_w = int(tgt_sizes[:, 1].max())
        if max_h > self.max_size[0] or max_w > self.max_size[1]:
            self.max_size = (max(max_h, self.max_size[0]), max(max_w, self.max_size[1]))
            self._set_2d_pos_cache(self.max_size, device)

    def forward(self, x, tgt_sizes):
        # x: (B, L, D) on the model device
        dtype = x.dtype
        self._adjust_pos_cache(tgt_sizes, device=x.device)
        x = self.kv_proj(x)
        pos_embed = []
        for h, w in tgt_sizes.tolist():
            pos_embed.append(self.pos_embed[:h, :w, :].reshape((h * w, -1)).to(dtype))
        pos_embed = torch.stack(pos_embed).permute(1, 0, 2)
        q = self.query.unsqueeze(1).repeat(1, x.shape[0], 1)
        out, _ = self.attn(q, x.permute(1, 0, 2) + pos_embed, x.permute(1, 0, 2))
        return out.permute(1, 0, 2)


def build_model(device):
    # weights are created directly on the target device, like an inference engine does
    with torch.device(device):
        return Resampler().eval()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = build_model(device)
    tgt_sizes = torch.tensor([[4, 4], [4, 4]])
    feats = torch.randn(2, 16, 32, device=device)
    with torch.no_grad():
        print(model(feats, tgt_sizes).shape)
