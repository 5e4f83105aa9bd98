# source: https://github.com/DSE-MSU/DeepRobust/issues/67
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_mm)
# pattern: module-not-placed
# shape: class, top-level
# bug-lines: 67, 68
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import numpy as np
import scipy.sparse as sp
import torch
import torch.nn as nn
import torch.nn.functional as F


def normalize_adj(adj):
    adj = adj + sp.eye(adj.shape[0])
    deg = np.asarray(adj.sum(1)).flatten()
    d_inv_sqrt = sp.diags(np.power(deg, -0.5))
    adj = (d_inv_sqrt @ adj @ d_inv_sqrt).tocoo()
    idx = torch.from_numpy(np.vstack([adj.row, adj.col])).long()
    return torch.sparse_coo_tensor(idx, torch.from_numpy(adj.data).float(), adj.shape)


class GraphConvolution(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(in_features, out_features))
        nn.init.xavier_uniform_(self.weight)

    def forward(self, x, adj):
        return torch.spmm(adj, torch.mm(x, self.weight))


class GCN(nn.Module):
    def __init__(self, nfeat, nhid, nclass, dropout=0.5, lr=0.01, device="cpu"):
        super().__init__()
        self.device, self.lr, self.dropout = device, lr, dropout
        self.gc1 = GraphConvolution(nfeat, nhid)
        self.gc2 = GraphConvolution(nhid, nclass)

    def forward(self, x, adj):
        x = F.dropout(F.relu(self.gc1(x, adj)), self.dropout, training=self.training)
        return F.log_softmax(self.gc2(x, adj), dim=1)

    def fit(self, features, adj, labels, idx_train, train_iters=200):
        features = torch.as_tensor(features, dtype=torch.float32).to(self.device)
        adj = normalize_adj(adj).to(self.device)
        labels = torch.as_tensor(labels).long().to(self.device)
        optimizer = torch.optim.Adam(self.parameters(), lr=self.lr, weight_decay=5e-4)
        for i in range(train_iters):
            self.train()
            optimizer.zero_grad()
            output = self.forward(features, adj)
            loss = F.nll_loss(output[idx_train], labels[idx_train])
            loss.backward()
            optimizer.step()
            if i % 50 == 0:
                print(f"iter {i} train loss {loss.item():.4f}")


if __name__ == "__main__":
    data = np.load("cora.npz")
    features, labels = data["features"], data["labels"]
    adj = sp.csr_matrix((data["adj_data"], data["adj_indices"], data["adj_indptr"]))
    idx_train = np.arange(140)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = GCN(nfeat=features.shape[1], nhid=16, nclass=int(labels.max()) + 1, device=device)
    model.fit(features, adj, labels, idx_train)
