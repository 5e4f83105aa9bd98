# source: https://github.com/pykeen/pykeen/issues/24
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""RotatE knowledge-graph embedding model (complex rotations)."""
import math

import torch
import torch.nn as nn


class RotatE(nn.Module):
    def __init__(self, num_entities, num_relations, dim=200, margin=9.0):
        super().__init__()
        self.dim = dim
        self.margin = margin
        self.entity = nn.Embedding(num_entities, 2 * dim)
        self.phase = nn.Embedding(num_relations, dim)
        bound = 6.0 / math.sqrt(dim)
        nn.init.uniform_(self.entity.weight, -bound, bound)
        nn.init.uniform_(self.phase.weight, -math.pi, math.pi)

    def score_hrt(self, hrt):
        h_re, h_im = self.entity(hrt[:, 0]).chunk(2, dim=-1)
        t_re, t_im = self.entity(hrt[:, 2]).chunk(2, dim=-1)
        phase = self.phase(hrt[:, 1])
        r_re, r_im = torch.cos(phase), torch.sin(phase)
        re = h_re * r_re - h_im * r_im - t_re
        im = h_re * r_im + h_im * r_re - t_im
        return self.margin - torch.stack([re, im], dim=0).norm(dim=0).sum(dim=-1)

    def corrupt(self, hrt, num_entities):
        neg = hrt.clone()
        replace_head = torch.rand(hrt.size(0), device=hrt.device) < 0.5
        random_ent = torch.randint(num_entities, (hrt.size(0),), device=hrt.device)
        neg[replace_head, 0] = random_ent[replace_head]
        neg[~replace_head, 2] = random_ent[~replace_head]
        return neg
