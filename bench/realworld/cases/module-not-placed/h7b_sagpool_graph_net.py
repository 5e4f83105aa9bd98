# source: https://github.com/inyeoplee77/SAGPool/issues/3
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'mat2'
# pattern: module-not-placed
# shape: helper, loader-loop, class
# bug-lines: 33, 44
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class GraphPoolNet(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.conv = nn.Linear(args.num_features, args.nhid)
        self.score = nn.Linear(args.nhid, 1)
        self.classifier = nn.Linear(args.nhid, args.num_classes)
        self.dropout = args.dropout_ratio

    def forward(self, x, adj):
        h = F.relu(torch.bmm(adj, self.conv(x)))
        att = torch.softmax(self.score(h), dim=1)
        pooled = (att * h).sum(dim=1)
        pooled = F.dropout(pooled, p=self.dropout, training=self.training)
        return F.log_softmax(self.classifier(pooled), dim=-1)


def build(args):
    model = GraphPoolNet(args)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    return model, optimizer


def train(args, loader):
    model, optimizer = build(args)
    for epoch in range(args.epochs):
        model.train()
        for x, adj, y in loader:
            x, adj, y = x.to(args.device), adj.to(args.device), y.to(args.device)
            out = model(x, adj)
            loss = F.nll_loss(out, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print("epoch {} loss {:.4f}".format(epoch, loss.item()))
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--num_features", type=int, default=32)
    parser.add_argument("--nhid", type=int, default=128)
    parser.add_argument("--num_classes", type=int, default=2)
    parser.add_argument("--dropout_ratio", type=float, default=0.5)
    parser.add_argument("--lr", type=float, default=0.0005)
    parser.add_argument("--weight_decay", type=float, default=0.0001)
    parser.add_argument("--batch_size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=50)
    args = parser.parse_args()
    args.device = "cuda:0" if torch.cuda.is_available() else "cpu"

    n = 1024
    dataset = TensorDataset(
        torch.randn(n, 24, args.num_features),
        torch.rand(n, 24, 24),
        torch.randint(0, args.num_classes, (n,)),
    )
    train(args, DataLoader(dataset, batch_size=args.batch_size, shuffle=True))
