# source: https://github.com/ROCm/vllm/pull/977
# error: none (correct: the cached table is moved with .to(device=..., dtype=...))
# shape: class
# looks-like: type-cast-without-device
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


def sincos_table(h, w, dim):
    ys = torch.arange(h, dtype=torch.float32)[:, None].expand(h, w)
    xs = torch.arange(w, dtype=torch.float32)[None, :].expand(h, w)
    freqs = torch.linspace(0, 1, dim // 2)
    return torch.cat([ys[..., None].sin() * freqs, xs[..., None].cos() * freqs], dim=-1)


class Resampler(nn.Module):
    def __init__(self, dim=32, num_queries=8):
        super().__init__()
        self.query = nn.Parameter(torch.randn(num_queries, dim))
        self.kv_proj = nn.Linear(dim, dim)
        self.attn = nn.MultiheadAttention(dim, 4, batch_first=True)
        self.pos_embed = sincos_table(16, 16, dim)  # built once on the CPU

    def forward(self, x, tgt_sizes):
        dtype = x.dtype
        rows = []
        for h, w in tgt_sizes.tolist():
            rows.append(self.pos_embed[:h, :w].reshape(h * w, -1).to(device=x.device, dtype=dtype))
        pos = torch.stack(rows)
        kv = self.kv_proj(x)
        q = self.query.unsqueeze(0).expand(x.shape[0], -1, -1)
        out, _ = self.attn(q, kv + pos, kv)
        return out


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = Resampler().to(device).eval()
    with torch.no_grad():
        out = model(torch.randn(2, 16, 32, device=device), torch.tensor([[4, 4], [4, 4]]))
    print(out.shape)
