# source: https://github.com/wenet-e2e/wenet/issues/913
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: partial-dtype-cast
# shape: class, helper
# bug-lines: 41, 75
# needs: torch
# cpu: no written where torch was not installed; not run
import math
import torch
import torch.nn as nn


class RelPositionTable(nn.Module):
    def __init__(self, d_model, max_len=4000):
        super().__init__()
        self.xscale = math.sqrt(d_model)
        self.max_len = max_len
        pos = torch.arange(max_len, dtype=torch.float32).unsqueeze(1) - max_len // 2
        div = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float32) * -(math.log(1e4) / d_model))
        self.pe = torch.zeros(max_len, d_model)
        self.pe[:, 0::2] = torch.sin(pos * div)
        self.pe[:, 1::2] = torch.cos(pos * div)

    def forward(self, x):
        self.pe = self.pe.to(x.device)
        mid, length = self.max_len // 2, x.size(1)
        return x * self.xscale, self.pe[mid - length + 1: mid + length].unsqueeze(0)


class RelPosSelfAttention(nn.Module):
    def __init__(self, d_model, heads):
        super().__init__()
        self.h, self.d_k = heads, d_model // heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.linear_pos = nn.Linear(d_model, d_model, bias=False)
        self.out = nn.Linear(d_model, d_model)

    def forward(self, x, pos_emb):
        b, t, _ = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.h, self.d_k).unbind(2)
        p = self.linear_pos(pos_emb).view(1, -1, self.h, self.d_k)
        scores = torch.einsum("bthd,bshd->bhts", q, k)
        scores = scores + torch.einsum("bthd,bshd->bhts", q, p[:, :t].expand(b, -1, -1, -1))
        attn = torch.softmax(scores / math.sqrt(self.d_k), dim=-1)
        return self.out(torch.einsum("bhts,bshd->bthd", attn, v).reshape(b, t, -1))


class LineEncoder(nn.Module):
    """Encodes column features of a handwritten text line for CTC decoding."""

    def __init__(self, feat_dim=64, d_model=256, heads=4, layers=6, vocab=98):
        super().__init__()
        self.embed = nn.Linear(feat_dim, d_model)
        self.pos = RelPositionTable(d_model)
        self.blocks = nn.ModuleList(RelPosSelfAttention(d_model, heads) for _ in range(layers))
        self.norm = nn.LayerNorm(d_model)
        self.ctc_head = nn.Linear(d_model, vocab)

    def forward(self, feats):
        x, pos_emb = self.pos(self.embed(feats))
        for blk in self.blocks:
            x = x + blk(self.norm(x), pos_emb)
        return self.ctc_head(x).log_softmax(-1)


def load_encoder(ckpt_path, device):
    enc = LineEncoder()
    enc.load_state_dict(torch.load(ckpt_path, map_location="cpu")["encoder"])
    return enc.to(device).eval()


if __name__ == "__main__":
    device = torch.device("cuda")
    encoder = load_encoder("exp/iam_lines/final.pt", device)
    encoder.half()
    line_feats = torch.randn(4, 320, 64, device=device).half()
    with torch.no_grad():
        log_probs = encoder(line_feats)
    torch.save(encoder.state_dict(), "exp/iam_lines/final_fp16.pt")
    print(log_probs.shape)
