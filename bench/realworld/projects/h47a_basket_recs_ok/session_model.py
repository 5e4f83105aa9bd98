# source: https://github.com/barissayil/SentimentAnalysis/issues/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: multi-file, class
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""GRU session recommender: next-item prediction for the online grocery shop."""
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence


class SessionRecommender(nn.Module):
    def __init__(self, n_items, dim=96, hidden=192):
        super().__init__()
        self.item_emb = nn.Embedding(n_items + 1, dim, padding_idx=0)
        self.gru = nn.GRU(dim, hidden, batch_first=True)
        self.proj = nn.Linear(hidden, dim)

    def forward(self, items, lengths):
        emb = self.item_emb(items)
        packed = pack_padded_sequence(emb, lengths, batch_first=True, enforce_sorted=False)
        _, h_last = self.gru(packed)
        user_vec = self.proj(h_last[-1])
        return user_vec @ self.item_emb.weight.t()
