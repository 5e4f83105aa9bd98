# source: https://github.com/dawnranger/pytorch-AGNN/issues/5
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: tensor-attribute-not-buffer
# shape: class, top-level
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Attention-based graph propagation (AGNN); the first layer's temperature is frozen at 0."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class AttentionPropagation(nn.Module):
    def __init__(self, trainable=True):
        super().__init__()
        if trainable:
            self.beta = nn.Parameter(torch.rand(1))
        else:
            self.register_buffer("beta", torch.zeros(1))

    def forward(self, x, adj):
        norm = x.norm(p=2, dim=1, keepdim=True)
        cos = self.beta * (x @ x.t()) / (norm @ norm.t() + 1e-7)
        masked = cos + (1.0 - adj) * -1e9
        return F.softmax(masked, dim=1) @ x


class AGNN(nn.Module):
    def __init__(self, nfeat, nhid, nclass, nlayers=4, dropout=0.5):
        super().__init__()
        self.embed = nn.Linear(nfeat, nhid, bias=False)
        self.props = nn.ModuleList(
            [AttentionPropagation(trainable=False)]
            + [AttentionPropagation() for _ in range(nlayers - 1)]
        )
        self.out = nn.Linear(nhid, nclass, bias=False)
        self.dropout = dropout

    def forward(self, x, adj):
        x = F.dropout(F.relu(self.embed(x)), self.dropout, self.training)
        for layer in self.props:
            x = layer(x, adj)
        return F.log_softmax(F.dropout(self.out(x), self.dropout, self.training), dim=1)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
n_nodes, n_feat = 2708, 1433
features = torch.rand(n_nodes, n_feat, device=device)
adj = (torch.rand(n_nodes, n_nodes, device=device) < 0.002).float()
adj = ((adj + adj.t() + torch.eye(n_nodes, device=device)) > 0).float()
labels = torch.randint(0, 7, (n_nodes,), device=device)

model = AGNN(n_feat, 16, 7).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)
for epoch in range(200):
    model.train()
    loss = F.nll_loss(model(features, adj), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print("final loss", loss.item())
