# source: https://github.com/deepspeedai/DeepSpeed/issues/5701
# error: RuntimeError: Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.cuda.HalfTensor instead (while checking arguments for embedding)
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop
# looks-like: input-dtype-mismatch
# needs: torch
# cpu: clean
import torch
import torch.nn as nn


class RewardLM(nn.Module):
    """Small causal encoder with a scalar reward head read at the last real token."""

    def __init__(self, vocab=4000, d_model=256, n_heads=4, n_layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model, padding_idx=0)
        layer = nn.TransformerEncoderLayer(d_model, n_heads, 4 * d_model, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.length_proj = nn.Linear(1, d_model)
        self.value_head = nn.Linear(d_model, 1)

    def forward(self, input_ids, attention_mask, length_feat):
        h = self.embed(input_ids) + self.length_proj(length_feat)[:, None, :]
        h = self.encoder(h, src_key_padding_mask=attention_mask == 0)
        last = attention_mask.sum(-1) - 1
        return self.value_head(h[torch.arange(h.size(0), device=h.device), last]).squeeze(-1)
