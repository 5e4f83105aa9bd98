# source: https://github.com/yuhuixu1993/qa-lora/issues/10
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and BFloat16
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff):
        super().__init__()
        self.n_heads = n_heads
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.up = nn.Linear(d_model, d_ff)
        self.down = nn.Linear(d_ff, d_model)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, self.n_heads, d // self.n_heads).unbind(2)
        a = F.scaled_dot_product_attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), is_causal=True)
        x = x + self.proj(a.transpose(1, 2).reshape(b, t, d))
        return x + self.down(F.gelu(self.up(self.ln2(x))))


class TinyStudentLM(nn.Module):
    """Student LM distilled from a larger teacher; teacher_proj maps teacher states into student width."""

    def __init__(self, vocab_size=32000, d_model=256, n_layers=4, n_heads=4, d_ff=1024, teacher_dim=1024):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, d_model)
        self.blocks = nn.ModuleList(Block(d_model, n_heads, d_ff) for _ in range(n_layers))
        self.norm = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)
        self.teacher_proj = nn.Linear(teacher_dim, d_model)

    def forward(self, input_ids):
        h = self.embed(input_ids)
        for blk in self.blocks:
            h = blk(h)
        h = self.norm(h)
        return self.lm_head(h), h
