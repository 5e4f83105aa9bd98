# source: https://github.com/weiyifan1023/Neeko/issues/6
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Half and Float
# pattern: input-dtype-mismatch
# shape: multi-file, class
# bug-lines: 35
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TinyBackbone(nn.Module):
    """Stands in for the pretrained chat model whose hidden states feed the role gate."""

    def __init__(self, vocab=1000, hidden=64, layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, hidden)
        self.blocks = nn.ModuleList([nn.Linear(hidden, hidden) for _ in range(layers)])

    def forward(self, input_ids):
        h = self.embed(input_ids)
        for blk in self.blocks:
            h = torch.relu(blk(h))
        return h


class RoleGate(nn.Module):
    def __init__(self, hidden, n_roles):
        super().__init__()
        self.proj = nn.Linear(hidden, n_roles)
        self.temperature = 1.0

    def forward(self, hidden_states):
        pooled = hidden_states.mean(dim=1)
        logits = self.proj(pooled)
        return torch.softmax(logits / self.temperature, dim=-1)


class RolePlayModel(nn.Module):
    def __init__(self, backbone, n_roles=4, hidden=64, vocab=1000):
        super().__init__()
        self.backbone = backbone
        self.gate = RoleGate(hidden, n_roles)
        self.experts = nn.ModuleList([nn.Linear(hidden, vocab) for _ in range(n_roles)])

    def forward(self, input_ids):
        h = self.backbone(input_ids)
        weights = self.gate(h)
        outs = torch.stack([e(h) for e in self.experts], dim=1)
        return (weights[:, :, None, None] * outs).sum(dim=1)
