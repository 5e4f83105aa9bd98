# source: https://github.com/mlfoundations/open_clip/issues/916
# error: RuntimeError: expected scalar type BFloat16 but found Float
# pattern: partial-dtype-cast
# shape: class, helper
# looks-like: partial-dtype-cast
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class LayerNormFp32(nn.LayerNorm):
    """LayerNorm that always computes in float32 and hands back the caller's dtype."""

    def forward(self, x):
        orig_type = x.dtype
        x = F.layer_norm(x.to(torch.float32), self.normalized_shape,
                         self.weight.to(torch.float32), self.bias.to(torch.float32), self.eps)
        return x.to(orig_type)


class ResidualAttentionBlock(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln_1 = LayerNormFp32(width)
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.ln_2 = LayerNormFp32(width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))

    def forward(self, x):
        h = self.ln_1(x)
        x = x + self.attn(h, h, h, need_weights=False)[0]
        return x + self.mlp(self.ln_2(x))


class TextTower(nn.Module):
    def __init__(self, vocab=49408, width=512, layers=12, heads=8, ctx=77, embed_dim=512):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, width)
        self.positional_embedding = nn.Parameter(torch.zeros(ctx, width))
        self.blocks = nn.ModuleList([ResidualAttentionBlock(width, heads) for _ in range(layers)])
        self.ln_final = LayerNormFp32(width)
        self.text_projection = nn.Linear(width, embed_dim, bias=False)

    def forward(self, tokens):
        x = self.token_embedding(tokens) + self.positional_embedding[: tokens.size(1)]
        for blk in self.blocks:
            x = blk(x)
        x = self.ln_final(x)
        pooled = x[torch.arange(x.size(0), device=x.device), tokens.argmax(dim=-1)]
        return F.normalize(self.text_projection(pooled), dim=-1)


def cast_for_inference(model, precision="bf16"):
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(precision, torch.float32)
    return model.to(dtype=dtype)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = cast_for_inference(TextTower().to(device).eval(), "bf16")
    tokens = torch.randint(0, 49408, (4, 77), device=device)
    with torch.no_grad():
        print(model(tokens).dtype)
