# source: https://github.com/dmlc/dgl/issues/1887
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class, top-level
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
"""Dense multi-head graph attention on a small citation-style graph."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class GATHead(nn.Module):
    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.fc = nn.Linear(in_dim, out_dim, bias=False)
        self.attn_fc = nn.Linear(2 * out_dim, 1, bias=False)

    def forward(self, h, adj):
        z = self.fc(h)                                        # (N, D)
        n = z.size(0)
        pairs = torch.cat([z.unsqueeze(1).expand(n, n, -1), z.unsqueeze(0).expand(n, n, -1)], dim=-1)
        e = F.leaky_relu(self.attn_fc(pairs).squeeze(-1), 0.2)
        e = e.masked_fill(adj == 0, float("-inf"))
        return torch.softmax(e, dim=1) @ z


class MultiHeadGATLayer(nn.Module):
    def __init__(self, in_dim, out_dim, num_heads, merge="cat"):
        super().__init__()
        self.heads = nn.ModuleList()
        for _ in range(num_heads):
            self.heads.append(GATHead(in_dim, out_dim))
        self.merge = merge

    def forward(self, h, adj):
        head_outs = [attn_head(h, adj) for attn_head in self.heads]
        if self.merge == "cat":
            return torch.cat(head_outs, dim=1)
        return torch.mean(torch.stack(head_outs), dim=0)


class GAT(nn.Module):
    def __init__(self, in_dim, hidden_dim, out_dim, num_heads):
        super().__init__()
        self.layer1 = MultiHeadGATLayer(in_dim, hidden_dim, num_heads)
        self.layer2 = MultiHeadGATLayer(hidden_dim * num_heads, out_dim, 1, merge="mean")

    def forward(self, h, adj):
        return self.layer2(F.elu(self.layer1(h, adj)), adj)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    n_nodes, n_feats, n_classes = 300, 64, 5
    features = torch.randn(n_nodes, n_feats, device=device)
    adj = (torch.rand(n_nodes, n_nodes, device=device) < 0.02).float()
    adj = ((adj + adj.t() + torch.eye(n_nodes, device=device)) > 0).float()
    labels = torch.randint(0, n_classes, (n_nodes,), device=device)

    model = GAT(n_feats, hidden_dim=8, out_dim=n_classes, num_heads=4).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-3, weight_decay=5e-4)
    for epoch in range(100):
        logits = model(features, adj)
        loss = F.cross_entropy(logits[:140], labels[:140])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if epoch % 20 == 0:
            print(f"epoch {epoch:3d} loss {loss.item():.4f}")
