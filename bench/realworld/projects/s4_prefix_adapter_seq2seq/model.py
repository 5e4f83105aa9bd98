# source: https://github.com/adapter-hub/adapters/issues/456
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument tensors in method wrapper_cat)
# pattern: adapter-after-placement
# shape: multi-file, class, loader-loop, batch-dict
# bug-lines: 40, 56
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


class PrefixEncoder(nn.Module):
    """Trainable key/value prefixes, one (key, value) pair per attention layer."""

    def __init__(self, n_layers, n_heads, head_dim, prefix_len=10):
        super().__init__()
        self.n_layers, self.n_heads, self.head_dim = n_layers, n_heads, head_dim
        self.prefix_len = prefix_len
        width = n_layers * 2 * n_heads * head_dim
        self.embedding = nn.Parameter(torch.randn(prefix_len, width) * 0.02)

    def forward(self, batch_size):
        kv = self.embedding.unsqueeze(0).expand(batch_size, -1, -1)
        kv = kv.view(batch_size, self.prefix_len, self.n_layers * 2, self.n_heads, self.head_dim)
        return kv.permute(2, 0, 3, 1, 4).split(2)


class PrefixAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads, self.head_dim = n_heads, d_model // n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out = nn.Linear(d_model, d_model)

    def forward(self, x, prefix=None):
        b, t, _ = x.shape
        q, k, v = self.qkv(x).view(b, t, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        if prefix is not None:
            k = torch.cat([prefix[0], k], dim=2)
            v = torch.cat([prefix[1], v], dim=2)
        att = torch.softmax(q @ k.transpose(-2, -1) / self.head_dim ** 0.5, dim=-1)
        return self.out((att @ v).transpose(1, 2).reshape(b, t, -1))


class TinySeq2Seq(nn.Module):
    def __init__(self, vocab=1000, d_model=64, n_heads=4, n_layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        self.layers = nn.ModuleList(PrefixAttention(d_model, n_heads) for _ in range(n_layers))
        self.lm_head = nn.Linear(d_model, vocab)
        self.prefix = None
        self.cfg = dict(n_layers=n_layers, n_heads=n_heads, head_dim=d_model // n_heads)

    def add_prefix_adapter(self, prefix_len=10):
        self.prefix = PrefixEncoder(prefix_len=prefix_len, **self.cfg)
        for name, p in self.named_parameters():
            p.requires_grad = name.startswith("prefix.")

    def forward(self, input_ids, attention_mask, labels):
        h = self.embed(input_ids) * attention_mask.unsqueeze(-1)
        if self.prefix is not None:
            prefixes = self.prefix(input_ids.size(0))
        else:
            prefixes = [None] * len(self.layers)
        for layer, pre in zip(self.layers, prefixes):
            h = h + layer(h, pre)
        logits = self.lm_head(h)
        return F.cross_entropy(logits.view(-1, logits.size(-1)), labels.view(-1))
