# source: https://github.com/Xillv/Code-for-AEGCN-Glove/issues/3
# error: RuntimeError: expected scalar type Double but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Aspect-specific GCN over a BiLSTM encoder."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class GraphConvolution(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(in_features, out_features))
        self.bias = nn.Parameter(torch.zeros(out_features))
        nn.init.xavier_uniform_(self.weight)

    def forward(self, text, adj):
        hidden = torch.matmul(text, self.weight)
        denom = torch.sum(adj, dim=2, keepdim=True) + 1
        output = torch.matmul(adj, hidden) / denom
        return output + self.bias


class AspectGCN(nn.Module):
    def __init__(self, embedding_matrix, hidden_dim, polarities_dim, dropout=0.3):
        super().__init__()
        emb = torch.tensor(embedding_matrix, dtype=torch.float)
        self.embed = nn.Embedding.from_pretrained(emb, freeze=True, padding_idx=0)
        self.lstm = nn.LSTM(emb.size(1), hidden_dim, batch_first=True, bidirectional=True)
        self.gc1 = GraphConvolution(2 * hidden_dim, 2 * hidden_dim)
        self.gc2 = GraphConvolution(2 * hidden_dim, 2 * hidden_dim)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(2 * hidden_dim, polarities_dim)

    def aspect_mask(self, text_indices, left_indices, aspect_indices):
        left_len = (left_indices != 0).sum(dim=1, keepdim=True)
        aspect_len = (aspect_indices != 0).sum(dim=1, keepdim=True)
        pos = torch.arange(text_indices.size(1), device=text_indices.device).unsqueeze(0)
        mask = (pos >= left_len) & (pos < left_len + aspect_len)
        return mask.unsqueeze(2).to(self.fc.weight.dtype)

    def forward(self, inputs):
        text_indices, aspect_indices, left_indices, adj = inputs
        text_out, _ = self.lstm(self.dropout(self.embed(text_indices)))
        x = F.relu(self.gc1(text_out, adj))
        x = F.relu(self.gc2(x, adj))
        mask = self.aspect_mask(text_indices, left_indices, aspect_indices)
        alpha = torch.matmul(x * mask, text_out.transpose(1, 2)).sum(dim=1, keepdim=True)
        alpha = F.softmax(alpha, dim=2)
        pooled = torch.matmul(alpha, text_out).squeeze(1)
        return self.fc(pooled)
