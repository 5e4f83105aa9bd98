# source: https://github.com/Lineves7/EMNet/issues/1
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 21, 26, 33
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F


class ExternalMemory(nn.Module):
    """Key/value memory; `top_index` maps every key slot to a prototype slot."""

    def __init__(self, num_slots=1024, num_prototypes=256, dim=256):
        super().__init__()
        self.keys = nn.Parameter(torch.randn(num_slots, dim) * 0.02)
        self.prototypes = nn.Parameter(torch.randn(num_prototypes, dim) * 0.02)
        self.top_index = torch.zeros(num_slots, dtype=torch.long)

    @torch.no_grad()
    def refresh_index(self):
        sims = F.normalize(self.keys, dim=-1) @ F.normalize(self.prototypes, dim=-1).t()
        self.top_index = sims.argmax(dim=-1)

    def topk_feature(self, query, k):
        # query: (B, dim)
        sims = F.normalize(query, dim=-1) @ F.normalize(self.keys, dim=-1).t()
        scores, topk_index = sims.topk(k, dim=-1)
        batch = query.shape[0]
        proto_idx = torch.stack([self.top_index[topk_index[i]] for i in range(batch)], dim=0)
        weights = torch.softmax(scores, dim=-1).unsqueeze(-1)
        return (self.prototypes[proto_idx] * weights).sum(dim=1), proto_idx
