# source: https://github.com/vikasverma1077/GraphMix/pull/3
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F


class GCN(nn.Module):
    def __init__(self, n_feat, n_hidden, n_class, dropout=0.5):
        super().__init__()
        self.w1 = nn.Linear(n_feat, n_hidden)
        self.w2 = nn.Linear(n_hidden, n_class)
        self.dropout = dropout

    def forward(self, x, adj):
        h = F.relu(adj @ self.w1(F.dropout(x, self.dropout, self.training)))
        return adj @ self.w2(F.dropout(h, self.dropout, self.training))


class Trainer:
    def __init__(self, opt, model):
        self.opt = opt
        self.model = model
        if opt["cuda"]:
            self.model.cuda()
        self.optimizer = torch.optim.Adam(model.parameters(), lr=opt["lr"], weight_decay=opt["decay"])

    def soft_targets(self, x, adj, idx_unlabeled, n_class):
        """Sharpened pseudo-labels for unlabeled nodes (GraphMix-style)."""
        temp = torch.zeros(idx_unlabeled.size(0), n_class)
        if self.opt["cuda"]:
            temp = temp.cuda()
        with torch.no_grad():
            probs = torch.softmax(self.model(x, adj)[idx_unlabeled], dim=-1)
        temp += probs.pow(1.0 / self.opt["tau"])
        return temp / temp.sum(1, keepdim=True)

    def update(self, x, adj, y, idx_train, idx_unlabeled, n_class):
        self.model.train()
        targets = self.soft_targets(x, adj, idx_unlabeled, n_class)
        logits = self.model(x, adj)
        loss = F.cross_entropy(logits[idx_train], y[idx_train])
        loss = loss + self.opt["gamma"] * F.mse_loss(torch.softmax(logits[idx_unlabeled], -1), targets)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()
    opt = {"cuda": torch.cuda.is_available() and not args.cpu, "lr": 0.01, "decay": 5e-4, "tau": 0.1, "gamma": 1.0}
    n, f, c = 200, 32, 4
    x, y = torch.randn(n, f), torch.randint(0, c, (n,))
    adj = torch.eye(n)
    idx_train, idx_unlabeled = torch.arange(0, 40), torch.arange(40, n)
    if opt["cuda"]:
        x, y, adj = x.cuda(), y.cuda(), adj.cuda()
        idx_train, idx_unlabeled = idx_train.cuda(), idx_unlabeled.cuda()
    trainer = Trainer(opt, GCN(f, 64, c))
    for epoch in range(5):
        print(trainer.update(x, adj, y, idx_train, idx_unlabeled, c))
