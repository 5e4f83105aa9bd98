# source: https://github.com/pytorch/examples/blob/main/gat/main.py
# what: the graph attention network on Cora: features from torch.FloatTensor, a sparse
#   diagonal scale (to_sparse), a sparse COO adjacency plus torch.eye self-loops, all
#   moved with .to(device); attention masked with torch.where(adj_mat > 0, ...);
#   train/validation masks from a torch.randperm moved to the device.
# shrunk: a random graph of 40 nodes with 16 features and 3 classes instead of the
#   download, 2 heads of 8, 5 epochs.
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.optim import Adam


class GraphAttentionLayer(nn.Module):
    def __init__(
        self, in_features, out_features, n_heads, concat=False, dropout=0.4, leaky_relu_slope=0.2
    ):
        super().__init__()
        self.n_heads, self.concat, self.dropout = n_heads, concat, dropout
        self.n_hidden = out_features // n_heads if concat else out_features
        self.W = nn.Parameter(torch.empty(size=(in_features, self.n_hidden * n_heads)))
        self.a = nn.Parameter(torch.empty(size=(n_heads, 2 * self.n_hidden, 1)))
        self.leakyrelu = nn.LeakyReLU(leaky_relu_slope)
        self.softmax = nn.Softmax(dim=1)
        nn.init.xavier_normal_(self.W)
        nn.init.xavier_normal_(self.a)

    def _get_attention_scores(self, h_transformed):
        source_scores = torch.matmul(h_transformed, self.a[:, : self.n_hidden, :])
        target_scores = torch.matmul(h_transformed, self.a[:, self.n_hidden :, :])
        return self.leakyrelu(source_scores + target_scores.mT)

    def forward(self, h, adj_mat):
        n_nodes = h.shape[0]
        h_transformed = F.dropout(torch.mm(h, self.W), self.dropout, training=self.training)
        h_transformed = h_transformed.view(n_nodes, self.n_heads, self.n_hidden).permute(1, 0, 2)
        e = self._get_attention_scores(h_transformed)
        connectivity_mask = -9e16 * torch.ones_like(e)
        e = torch.where(adj_mat > 0, e, connectivity_mask)
        attention = F.dropout(F.softmax(e, dim=-1), self.dropout, training=self.training)
        h_prime = torch.matmul(attention, h_transformed)
        if self.concat:
            return h_prime.permute(1, 0, 2).contiguous().view(n_nodes, -1)
        return h_prime.mean(dim=0)


class GAT(nn.Module):
    def __init__(self, in_features, n_hidden, n_heads, num_classes, dropout=0.4):
        super().__init__()
        self.gat1 = GraphAttentionLayer(
            in_features, n_hidden, n_heads, concat=True, dropout=dropout
        )
        self.gat2 = GraphAttentionLayer(n_hidden, num_classes, 1, concat=False, dropout=dropout)

    def forward(self, input_tensor, adj_mat):
        x = F.elu(self.gat1(input_tensor, adj_mat))
        return F.log_softmax(self.gat2(x, adj_mat), dim=1)


def load_graph(device="cpu", V=40, n_features=16, n_classes=3):
    rng = np.random.default_rng(0)
    features = torch.FloatTensor(rng.integers(0, 2, size=(V, n_features)).astype(np.int32))
    scale_vector = torch.sum(features, dim=1).clamp(min=1)
    scale_vector = torch.diag(1 / scale_vector).to_sparse()
    features = scale_vector @ features
    labels = torch.LongTensor(rng.integers(0, n_classes, size=V))
    edges = rng.integers(0, V, size=(80, 2))
    adj_mat = torch.sparse_coo_tensor(edges.T, torch.ones(len(edges)), (V, V), dtype=torch.int64)
    adj_mat = torch.eye(V) + adj_mat
    return features.to(device), labels.to(device), adj_mat.to(device)


device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
features, labels, adj_mat = load_graph(device=device)
idx = torch.randperm(len(labels)).to(device)
idx_test, idx_val, idx_train = idx[:8], idx[8:16], idx[16:]
gat_net = GAT(features.shape[1], 16, 2, int(labels.max()) + 1).to(device)
optimizer = Adam(gat_net.parameters(), lr=5e-3, weight_decay=5e-4)
criterion = nn.NLLLoss()
for epoch in range(5):
    gat_net.train()
    optimizer.zero_grad()
    output = gat_net(features, adj_mat)
    loss = criterion(output[idx_train], labels[idx_train])
    loss.backward()
    optimizer.step()
    gat_net.eval()
    with torch.no_grad():
        output = gat_net(features, adj_mat)
        acc = (output[idx_val].argmax(dim=1) == labels[idx_val]).float().mean()
    print(f"epoch {epoch}: loss {loss.item():.4f} val acc {acc.item():.2f}")
