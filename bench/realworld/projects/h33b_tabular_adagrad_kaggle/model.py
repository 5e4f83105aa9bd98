# source: https://github.com/facebookresearch/madgrad/issues/4
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TabularModel(nn.Module):
    def __init__(self, cardinalities, n_cont, hidden=(200, 100), p_drop=0.1, n_out=1):
        super().__init__()
        self.embeds = nn.ModuleList(
            nn.Embedding(card + 1, min(50, (card + 1) // 2 + 1)) for card in cardinalities
        )
        n_emb = sum(e.embedding_dim for e in self.embeds)
        self.bn_cont = nn.BatchNorm1d(n_cont)
        layers, n_in = [], n_emb + n_cont
        for h in hidden:
            layers += [nn.Linear(n_in, h), nn.ReLU(), nn.BatchNorm1d(h), nn.Dropout(p_drop)]
            n_in = h
        layers.append(nn.Linear(n_in, n_out))
        self.layers = nn.Sequential(*layers)

    def forward(self, x_cat, x_cont):
        emb = torch.cat([e(x_cat[:, i]) for i, e in enumerate(self.embeds)], dim=1)
        return self.layers(torch.cat([emb, self.bn_cont(x_cont)], dim=1)).squeeze(-1)
