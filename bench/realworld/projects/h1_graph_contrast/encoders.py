# source: https://github.com/liun-online/HeCo/issues/15
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper, multi-file
# bug-lines: 49
# cpu: no library module, run train.py
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class IntraAttention(nn.Module):
    def __init__(self, hidden_dim):
        super().__init__()
        self.att = nn.Parameter(torch.empty(1, 2 * hidden_dim))
        nn.init.xavier_normal_(self.att.data, gain=1.414)
        self.act = nn.LeakyReLU()

    def forward(self, nei, h, h_refer):
        nei_emb = F.embedding(nei, h)
        h_refer = h_refer.unsqueeze(1).expand_as(nei_emb)
        scores = self.act(torch.cat([h_refer, nei_emb], dim=-1) @ self.att.t())
        weights = torch.softmax(scores, dim=1)
        return (weights * nei_emb).sum(dim=1)


def sample_neighbors(neighbor_lists, k):
    rows = []
    for nbrs in neighbor_lists:
        pick = np.random.choice(nbrs, k, replace=len(nbrs) < k)
        rows.append(torch.from_numpy(pick)[np.newaxis])
    return torch.cat(rows, dim=0)


class SchemaEncoder(nn.Module):
    def __init__(self, hidden_dim, sample_rate):
        super().__init__()
        self.sample_rate = list(sample_rate)
        self.intra = nn.ModuleList([IntraAttention(hidden_dim) for _ in self.sample_rate])
        self.type_fc = nn.Linear(hidden_dim, hidden_dim)
        self.type_att = nn.Parameter(torch.empty(1, hidden_dim))
        nn.init.xavier_normal_(self.type_att.data, gain=1.414)

    def forward(self, feats, nei_index):
        per_type = []
        for i, k in enumerate(self.sample_rate):
            picked = sample_neighbors(nei_index[i], k).cuda()
            per_type.append(F.elu(self.intra[i](picked, feats[i + 1], feats[0])))
        stacked = torch.stack(per_type, dim=0)
        summary = torch.tanh(self.type_fc(stacked)).mean(dim=1)
        beta = torch.softmax(summary @ self.type_att.t(), dim=0)
        return (beta.unsqueeze(-1) * stacked).sum(dim=0)
