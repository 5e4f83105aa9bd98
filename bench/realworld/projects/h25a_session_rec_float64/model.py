# source: https://github.com/NVIDIA-Merlin/Transformers4Rec/issues/589 https://github.com/NVIDIA-Merlin/NVTabular/issues/1698
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn


class SessionRecModel(nn.Module):
    """GRU next-item recommender with item-id embeddings and continuous side features."""

    def __init__(self, num_items, num_cont, d_model=128):
        super().__init__()
        self.item_emb = nn.Embedding(num_items, d_model, padding_idx=0)
        self.cont_proj = nn.Linear(num_cont, d_model)
        self.gru = nn.GRU(d_model, d_model, batch_first=True)
        self.norm = nn.LayerNorm(d_model)
        self.out = nn.Linear(d_model, num_items)

    def forward(self, batch):
        x = self.item_emb(batch["item_ids"]) + self.cont_proj(batch["cont_feats"])
        h, _ = self.gru(x)
        return self.out(self.norm(h[:, -1]))
