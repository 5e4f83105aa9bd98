# source: https://github.com/DSE-MSU/DeepRobust/issues/74
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:2 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, helper, class
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from utils import accuracy, normalize_adj_tensor


class GraphConvolution(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(in_features, out_features))
        self.bias = nn.Parameter(torch.zeros(out_features))
        nn.init.uniform_(self.weight, -1 / math.sqrt(out_features), 1 / math.sqrt(out_features))

    def forward(self, x, adj_norm):
        return adj_norm @ (x @ self.weight) + self.bias


class GCN(nn.Module):
    def __init__(self, nfeat, nhid, nclass, dropout=0.5, lr=0.01, weight_decay=5e-4):
        super().__init__()
        self.gc1 = GraphConvolution(nfeat, nhid)
        self.gc2 = GraphConvolution(nhid, nclass)
        self.dropout = dropout
        self.lr, self.weight_decay = lr, weight_decay

    def forward(self, x, adj):
        adj_norm = normalize_adj_tensor(adj)
        x = F.relu(self.gc1(x, adj_norm))
        x = F.dropout(x, self.dropout, training=self.training)
        return F.log_softmax(self.gc2(x, adj_norm), dim=1)

    def fit(self, features, adj, labels, idx_train, idx_val, epochs=200):
        optimizer = torch.optim.Adam(self.parameters(), lr=self.lr, weight_decay=self.weight_decay)
        best_val, best_state = 0.0, None
        for epoch in range(epochs):
            self.train()
            optimizer.zero_grad()
            output = self.forward(features, adj)
            loss = F.nll_loss(output[idx_train], labels[idx_train])
            loss.backward()
            optimizer.step()
            self.eval()
            with torch.no_grad():
                val_acc = accuracy(self.forward(features, adj)[idx_val], labels[idx_val])
            if val_acc > best_val:
                best_val = val_acc
                best_state = {k: v.clone() for k, v in self.state_dict().items()}
        self.load_state_dict(best_state)
        return best_val
