# source: https://github.com/vllm-project/vllm/pull/31395
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# looks-like: tensor-attribute-not-buffer
# shape: class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F

FP8_MAX = 448.0


def fake_quant_fp8(x, scale):
    """Simulated per-tensor FP8 (e4m3) quantize/dequantize used for calibration runs."""
    return (x / scale).clamp(-FP8_MAX, FP8_MAX).to(torch.float8_e4m3fn).to(x.dtype) * scale


class QuantAttention(nn.Module):
    def __init__(self, hidden, n_heads):
        super().__init__()
        self.n_heads, self.head_dim = n_heads, hidden // n_heads
        self.qkv = nn.Linear(hidden, 3 * hidden, bias=False)
        self.o_proj = nn.Linear(hidden, hidden, bias=False)
        self.register_buffer("q_scale", torch.tensor(1.0))
        self.register_buffer("k_scale", torch.tensor(1.0))
        self.register_buffer("v_scale", torch.tensor(1.0))
        self.softmax_scale = self.head_dim ** -0.5
        self.calibrating = False

    @torch.no_grad()
    def _observe(self, q, k, v):
        for name, t in (("q_scale", q), ("k_scale", k), ("v_scale", v)):
            amax = t.abs().amax().float() / FP8_MAX
            getattr(self, name).copy_(torch.maximum(getattr(self, name), amax))

    def forward(self, x):
        b, s, _ = x.shape
        q, k, v = self.qkv(x).view(b, s, 3, self.n_heads, self.head_dim).unbind(2)
        q, k, v = (t.transpose(1, 2) for t in (q, k, v))
        if self.calibrating:
            self._observe(q, k, v)
        q = fake_quant_fp8(q, self.q_scale.to(q.dtype))
        k = fake_quant_fp8(k, self.k_scale.to(k.dtype))
        v = fake_quant_fp8(v, self.v_scale.to(v.dtype))
        out = F.scaled_dot_product_attention(q, k, v, is_causal=True, scale=self.softmax_scale)
        return self.o_proj(out.transpose(1, 2).reshape(b, s, -1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    attn = QuantAttention(hidden=1024, n_heads=16)
    attn.to(device, dtype=torch.bfloat16)
    attn.calibrating = True
    for _ in range(8):
        attn(torch.randn(2, 128, 1024, device=device, dtype=torch.bfloat16))
    attn.calibrating = False
    torch.save({k: v for k, v in attn.state_dict().items() if k.endswith("_scale")}, "kv_scales.pt")
    print({k: float(v) for k, v in attn.state_dict().items() if k.endswith("_scale")})
