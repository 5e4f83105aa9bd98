# source: https://github.com/Lightning-AI/pytorch-lightning/issues/6824 https://github.com/Lightning-AI/pytorch-lightning/pull/7277
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class WideAndDeep(nn.Module):
    def __init__(self, n_users, n_items, emb_dim=32, hidden=(128, 64)):
        super().__init__()
        self.user_emb = nn.Embedding(n_users, emb_dim)
        self.item_emb = nn.Embedding(n_items, emb_dim)
        self.wide = nn.Embedding(n_items, 1)
        layers, d = [], 2 * emb_dim
        for h in hidden:
            layers += [nn.Linear(d, h), nn.ReLU()]
            d = h
        layers.append(nn.Linear(d, 1))
        self.deep = nn.Sequential(*layers)

    def forward(self, users, items):
        x = torch.cat([self.user_emb(users), self.item_emb(items)], dim=-1)
        return (self.deep(x) + self.wide(items)).squeeze(-1)
