# source: https://github.com/michaelfeil/infinity/issues/437
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, class
# needs: torch
# cpu: clean
"""Decoder LM conditioned on retrieved-document vectors mapped to soft prefix tokens."""
import torch
import torch.nn as nn


class PrefixLM(nn.Module):
    def __init__(self, vocab_size=8000, feat_dim=384, d_model=256, n_prefix=4,
                 n_layers=2, n_heads=4):
        super().__init__()
        self.n_prefix, self.d_model = n_prefix, d_model
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=0)
        self.prefix_proj = nn.Linear(feat_dim, n_prefix * d_model)
        layer = nn.TransformerEncoderLayer(d_model, n_heads, 4 * d_model,
                                           batch_first=True, norm_first=True)
        self.decoder = nn.TransformerEncoder(layer, n_layers)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)

    def forward(self, input_ids, prefix_feats):
        B, T = input_ids.shape
        prefix = self.prefix_proj(prefix_feats).view(B, self.n_prefix, self.d_model)
        h = torch.cat([prefix, self.embed(input_ids)], dim=1)
        L = h.size(1)
        causal = torch.triu(torch.full((L, L), float("-inf"), device=h.device, dtype=h.dtype), 1)
        h = self.decoder(h, mask=causal)
        return self.lm_head(h[:, self.n_prefix:])
