# The block turns the tokenizer's 0/1 mask into a bool one (True where a token may be
# attended to) before scaled_dot_product_attention.
import torch.nn.functional as F
from torch import nn
from transformers import AutoTokenizer


class SelfAttention(nn.Module):
    def __init__(self, dim=64, heads=4):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)

    def forward(self, x, padding_mask):
        b, t, d = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.heads, d // self.heads).unbind(2)
        q, k, v = (z.transpose(1, 2) for z in (q, k, v))
        allowed = padding_mask[:, None, None, :].bool()
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
        return out.transpose(1, 2).reshape(b, t, d)


def encode(texts):
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    embed = nn.Embedding(tok.vocab_size, 64)
    block = SelfAttention()
    enc = tok(texts, padding=True, return_tensors="pt")
    return block(embed(enc["input_ids"]), enc["attention_mask"])
