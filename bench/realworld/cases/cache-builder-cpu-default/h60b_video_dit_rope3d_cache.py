# source: https://github.com/numz/ComfyUI-SeedVR2_VideoUpscaler/pull/92
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# bug-lines: 38, 50, 52
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ShapeCache:
    """Memoizes tensors that only depend on the latent video shape."""

    def __init__(self):
        self._store = {}

    def __call__(self, key, fn):
        if key not in self._store:
            self._store[key] = fn()
        return self._store[key]


def rotate_half(x):
    x1, x2 = x.unflatten(-1, (-1, 2)).unbind(-1)
    return torch.stack((-x2, x1), dim=-1).flatten(-2)


class RotaryEmbedding3D(nn.Module):
    """Factorized (t, h, w) rotary position embedding for a video DiT."""

    def __init__(self, head_dim, theta=10000.0):
        super().__init__()
        self.dims = (head_dim // 4, head_dim * 3 // 8, head_dim * 3 // 8)
        self.theta = theta
        self.cache = ShapeCache()

    def get_freqs(self, shape, device=torch.device("cpu")):
        freq_list = []
        for axis, (size, dim) in enumerate(zip(shape, self.dims)):
            inv = 1.0 / self.theta ** (torch.arange(0, dim, 2, device=device).float() / dim)
            pos = torch.arange(size, device=device).float()
            f = torch.outer(pos, inv).repeat_interleave(2, dim=-1)          # (size, dim)
            view = [1, 1, 1, dim]
            view[axis] = size
            freq_list.append(f.view(*view).expand(*shape, dim))
        return torch.cat(freq_list, dim=-1).flatten(0, 2)                  # (T*H*W, head_dim)

    def forward(self, q, k, shape):
        freqs = self.cache(("rope_freqs_3d", shape), lambda: self.get_freqs(shape))
        cos, sin = freqs.cos().to(q.dtype), freqs.sin().to(q.dtype)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        return q, k


class VideoSelfAttention(nn.Module):
    def __init__(self, dim=1024, heads=16):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.rope = RotaryEmbedding3D(dim // heads)

    def forward(self, x, shape):
        b, n, d = x.shape
        q, k, v = self.qkv(x).view(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k = self.rope(q, k, shape)
        attn = torch.nn.functional.scaled_dot_product_attention(q, k, v)
        return self.out(attn.transpose(1, 2).reshape(b, n, d))


if __name__ == "__main__":
    device = torch.device("cuda")
    block = VideoSelfAttention().to(device, torch.bfloat16)
    t, h, w = 5, 16, 16
    tokens = torch.randn(1, t * h * w, 1024, device=device, dtype=torch.bfloat16)
    print(block(tokens, (t, h, w)).shape)
