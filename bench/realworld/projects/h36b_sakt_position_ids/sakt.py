# source: https://github.com/jarviszhb/KnowledgeTracing/pull/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from embedding import InteractionEmbedding


class SAKT(nn.Module):
    def __init__(self, n_questions, seq_len=50, dim=128, heads=8, dropout=0.2):
        super().__init__()
        self.embedding = InteractionEmbedding(n_questions, seq_len, dim)
        self.attn = nn.MultiheadAttention(dim, heads, dropout=dropout, batch_first=True)
        self.norm1 = nn.LayerNorm(dim)
        self.ffn = nn.Sequential(nn.Linear(dim, 4 * dim), nn.ReLU(), nn.Dropout(dropout), nn.Linear(4 * dim, dim))
        self.norm2 = nn.LayerNorm(dim)
        self.out = nn.Linear(dim, n_questions)
        causal = torch.triu(torch.ones(seq_len, seq_len, dtype=torch.bool), diagonal=1)
        self.register_buffer("causal_mask", causal)

    def forward(self, interactions):
        query, key_value = self.embedding(interactions)
        attn_out, _ = self.attn(query, key_value, key_value, attn_mask=self.causal_mask)
        h = self.norm1(query + attn_out)
        h = self.norm2(h + self.ffn(h))
        return torch.sigmoid(self.out(h))
