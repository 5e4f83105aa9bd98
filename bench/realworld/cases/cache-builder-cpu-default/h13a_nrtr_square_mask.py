# source: https://github.com/RapidAI/RapidOCR/pull/731
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper
# bug-lines: 45, 64
# needs: torch
# cpu: no written where torch was not installed; not run
"""NRTR-style text recognition decoder with greedy decoding."""
import math

import torch
import torch.nn as nn


class DecoderLayer(nn.Module):
    def __init__(self, d_model, nhead):
        super().__init__()
        self.nhead, self.scale = nhead, (d_model // nhead) ** -0.5
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.cross = nn.MultiheadAttention(d_model, nhead, batch_first=True)
        self.ffn = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.ReLU(), nn.Linear(4 * d_model, d_model))
        self.norms = nn.ModuleList([nn.LayerNorm(d_model) for _ in range(3)])

    def self_attn(self, x, attn_mask):
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.nhead, -1).permute(2, 0, 3, 1, 4)
        scores = (q @ k.transpose(-2, -1)) * self.scale + attn_mask
        return (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)

    def forward(self, x, memory, attn_mask):
        x = self.norms[0](x + self.self_attn(x, attn_mask))
        x = self.norms[1](x + self.cross(x, memory, memory, need_weights=False)[0])
        return self.norms[2](x + self.ffn(x))


class NRTRDecoder(nn.Module):
    def __init__(self, vocab_size=96, d_model=256, nhead=8, num_layers=3, max_len=25):
        super().__init__()
        self.d_model, self.max_len, self.bos, self.eos = d_model, max_len, 2, 3
        self.embedding = nn.Embedding(vocab_size, d_model)
        self.pos = nn.Parameter(torch.randn(1, max_len + 1, d_model) * 0.02)
        self.layers = nn.ModuleList([DecoderLayer(d_model, nhead) for _ in range(num_layers)])
        self.proj = nn.Linear(d_model, vocab_size)

    def generate_square_subsequent_mask(self, sz, device=None):
        mask = torch.zeros([sz, sz], dtype=torch.float32, device=device)
        mask_inf = torch.triu(torch.full((sz, sz), float("-inf"), device=device), diagonal=1)
        return (mask + mask_inf)[None, None]

    def decode(self, tgt, memory, tgt_mask):
        x = self.embedding(tgt) * math.sqrt(self.d_model) + self.pos[:, : tgt.shape[1]]
        for layer in self.layers:
            x = layer(x, memory, tgt_mask)
        return self.proj(x)

    def forward_train(self, memory, tgt):
        tgt_mask = self.generate_square_subsequent_mask(tgt.shape[1], tgt.device)
        return self.decode(tgt, memory, tgt_mask)

    @torch.no_grad()
    def forward_test(self, memory):
        dec_seq = torch.full((memory.shape[0], 1), self.bos, dtype=torch.long, device=memory.device)
        for _ in range(self.max_len):
            tgt_mask = self.generate_square_subsequent_mask(dec_seq.shape[1])
            next_tok = self.decode(dec_seq, memory, tgt_mask)[:, -1].argmax(-1, keepdim=True)
            dec_seq = torch.cat([dec_seq, next_tok], dim=1)
            if (next_tok == self.eos).all():
                break
        return dec_seq[:, 1:]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    decoder = NRTRDecoder().to(device).eval()
    memory = torch.randn(4, 64, 256, device=device)  # encoder features of 4 text crops
    print(decoder.forward_test(memory).shape)
