# source: https://github.com/seal-rg/recurrent-pretraining/issues/23
# error: RuntimeError: Expected attn_mask dtype to be bool or float or to match query dtype, but got attn_mask.dtype: long int and  query.dtype: float instead.
# pattern: integer-input
# shape: helper, class, loader-loop, batch-dict
# bug-lines: 17, 34
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoTokenizer


def padding_mask_4d(attention_mask):
    # (batch, seq) -> (batch, 1, 1, seq) so it broadcasts over heads and queries
    return attention_mask[:, None, None, :]


class EncoderLayer(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim)
        self.ff = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x, attn_mask):
        b, t, d = x.shape
        q, k, v = self.qkv(self.norm1(x)).view(b, t, 3, self.heads, d // self.heads).unbind(2)
        q, k, v = (z.transpose(1, 2) for z in (q, k, v))
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
        x = x + self.proj(out.transpose(1, 2).reshape(b, t, d))
        return x + self.ff(self.norm2(x))


class ProbeEncoder(nn.Module):
    def __init__(self, vocab_size, dim=384, heads=6, depth=4):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.layers = nn.ModuleList(EncoderLayer(dim, heads) for _ in range(depth))

    def forward(self, input_ids, attention_mask):
        mask = padding_mask_4d(attention_mask)
        h = self.embed(input_ids)
        hidden_states = [h]
        for layer in self.layers:
            h = layer(h, mask)
            hidden_states.append(h)
        return hidden_states


@torch.no_grad()
def collect_last_token_states(model, tok, texts, device, layer=-1):
    loader = DataLoader(texts, batch_size=16)
    feats = []
    for chunk in loader:
        enc = tok(list(chunk), padding=True, return_tensors="pt", return_token_type_ids=False)
        enc = {k: v.to(device) for k, v in enc.items()}
        states = model(**enc)[layer]
        last = enc["attention_mask"].sum(dim=1) - 1
        feats.append(states[torch.arange(states.size(0), device=device), last].cpu())
    return torch.cat(feats)


if __name__ == "__main__":
    device = torch.device("cuda")
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    model = ProbeEncoder(tok.vocab_size).to(device).eval()
    texts = ["the movie was great", "terrible plot and worse acting", "fine, I guess"] * 20
    print(collect_last_token_states(model, tok, texts, device).shape)
