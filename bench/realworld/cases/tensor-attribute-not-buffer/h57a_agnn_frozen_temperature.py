# source: https://github.com/dawnranger/pytorch-AGNN/issues/3
# error: RuntimeError: Expected object of type Variable[torch.FloatTensor] but found type Variable[torch.cuda.FloatTensor] for argument #1 'other'
# pattern: tensor-attribute-not-buffer
# shape: class
# bug-lines: 20
# needs: torch
# cpu: no written where torch was not installed; not run
"""Attention-based propagation network (AGNN-style) for citation node classification."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class CosinePropagation(nn.Module):
    def __init__(self, trainable=True):
        super().__init__()
        if trainable:
            self.temperature = nn.Parameter(torch.empty(1).uniform_(0.0, 1.0))
        else:
            self.temperature = torch.zeros(1)

    def forward(self, x, adj):
        x_norm = F.normalize(x, p=2, dim=1)
        cos = self.temperature * (x_norm @ x_norm.t())
        cos = cos.masked_fill(adj == 0, float("-inf"))
        attn = torch.softmax(cos, dim=1)
        return attn @ x


class AGNN(nn.Module):
    def __init__(self, n_feats, hidden, n_classes, n_layers=4, dropout=0.5):
        super().__init__()
        self.embed = nn.Linear(n_feats, hidden, bias=False)
        # the first propagation step is frozen (plain mean over neighbours)
        self.props = nn.ModuleList(
            [CosinePropagation(trainable=False)] + [CosinePropagation() for _ in range(n_layers - 1)]
        )
        self.out = nn.Linear(hidden, n_classes, bias=False)
        self.dropout = dropout

    def forward(self, x, adj):
        x = F.dropout(F.relu(self.embed(x)), self.dropout, self.training)
        for prop in self.props:
            x = prop(x, adj)
        return F.log_softmax(F.dropout(self.out(x), self.dropout, self.training), dim=1)


def load_citation_graph(n_nodes=2708, n_feats=1433, n_classes=7):
    x = torch.rand(n_nodes, n_feats)
    adj = (torch.rand(n_nodes, n_nodes) < 0.002).float()
    adj = ((adj + adj.t() + torch.eye(n_nodes)) > 0).float()
    y = torch.randint(0, n_classes, (n_nodes,))
    train_idx = torch.arange(0, 140)
    return x, adj, y, train_idx


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    x, adj, y, train_idx = load_citation_graph()
    x, adj, y, train_idx = x.to(device), adj.to(device), y.to(device), train_idx.to(device)
    model = AGNN(x.size(1), 16, 7).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)
    for epoch in range(200):
        model.train()
        opt.zero_grad()
        loss = F.nll_loss(model(x, adj)[train_idx], y[train_idx])
        loss.backward()
        opt.step()
    print("train loss", loss.item())
