# source: https://github.com/OpenNMT/OpenNMT-py/issues/237
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class
# bug-lines: 25, 34
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

MAX_SIZE = 5000


def subsequent_mask(size):
    return torch.triu(torch.ones(1, size, size, dtype=torch.uint8), diagonal=1)


class TransformerDecoderLayer(nn.Module):
    def __init__(self, d_model, heads, d_ff, dropout, padding_idx):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(d_model, heads, dropout=dropout, batch_first=True)
        self.ctx_attn = nn.MultiheadAttention(d_model, heads, dropout=dropout, batch_first=True)
        self.ff = nn.Sequential(nn.Linear(d_model, d_ff), nn.ReLU(), nn.Linear(d_ff, d_model))
        self.norms = nn.ModuleList([nn.LayerNorm(d_model) for _ in range(3)])
        self.mask = subsequent_mask(MAX_SIZE)
        self.padding_idx = padding_idx

    def forward(self, x, memory, src_pad_mask, tgt_tokens):
        tgt_len = tgt_tokens.size(1)
        tgt_pad_mask = tgt_tokens.eq(self.padding_idx).unsqueeze(1).expand(-1, tgt_len, -1)
        tgt_pad_mask = tgt_pad_mask.to(torch.uint8)
        # merge padding mask and "no peeking ahead" mask
        heads = self.self_attn.num_heads
        dec_mask = torch.gt(tgt_pad_mask + self.mask[:, :tgt_len, :tgt_len], 0)
        dec_mask = dec_mask.repeat_interleave(heads, dim=0)
        h = self.norms[0](x)
        x = x + self.self_attn(h, h, h, attn_mask=dec_mask)[0]
        h = self.norms[1](x)
        x = x + self.ctx_attn(h, memory, memory, key_padding_mask=src_pad_mask)[0]
        return x + self.ff(self.norms[2](x))


class TransformerDecoder(nn.Module):
    def __init__(self, vocab_size, d_model=512, heads=8, d_ff=2048, layers=6, dropout=0.1, padding_idx=1):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=padding_idx)
        self.layers = nn.ModuleList(
            [TransformerDecoderLayer(d_model, heads, d_ff, dropout, padding_idx) for _ in range(layers)])
        self.generator = nn.Linear(d_model, vocab_size)

    def forward(self, tgt_tokens, memory, src_pad_mask):
        x = self.embed(tgt_tokens)
        for layer in self.layers:
            x = layer(x, memory, src_pad_mask, tgt_tokens)
        return self.generator(x)


if __name__ == "__main__":
    device = torch.device("cuda")
    decoder = TransformerDecoder(vocab_size=32000).to(device)
    memory = torch.randn(16, 40, 512, device=device)
    src_pad = torch.zeros(16, 40, dtype=torch.bool, device=device)
    tgt = torch.randint(2, 32000, (16, 30), device=device)
    logits = decoder(tgt, memory, src_pad)
    loss = nn.functional.cross_entropy(logits.reshape(-1, 32000), tgt.reshape(-1))
    loss.backward()
