# source: https://github.com/xiaxin1998/COTREC/issues/4
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn

from layers import ItemConv


class SessionRecommender(nn.Module):
    def __init__(self, adjacency, n_node, emb_size=100, layers=2):
        super().__init__()
        self.adjacency = adjacency
        self.embedding = nn.Embedding(n_node, emb_size)
        self.item_conv = ItemConv(layers, emb_size)
        stdv = 1.0 / math.sqrt(emb_size)
        for w in self.parameters():
            w.data.uniform_(-stdv, stdv)

    def forward(self, session_items, session_len):
        item_emb = self.item_conv(self.adjacency, self.embedding.weight)
        pad = torch.zeros(1, item_emb.size(1), device=item_emb.device)
        table = torch.cat([pad, item_emb], dim=0)
        sess = table[session_items].sum(1) / session_len.unsqueeze(-1)
        return sess @ item_emb.t()
