# source: https://github.com/rpmccordlab/SMILE/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""NT-Xent contrastive loss with precomputed masks kept as (non-persistent) buffers."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class NTXentLoss(nn.Module):
    def __init__(self, batch_size, temperature=0.5):
        super().__init__()
        self.batch_size = batch_size
        n = 2 * batch_size
        self.register_buffer("temperature", torch.tensor(temperature))
        self.register_buffer("negatives_mask", (~torch.eye(n, dtype=torch.bool)).float(),
                             persistent=False)
        pos = torch.zeros(n, n)
        idx = torch.arange(batch_size)
        pos[idx, idx + batch_size] = 1.0
        pos[idx + batch_size, idx] = 1.0
        self.register_buffer("positives_mask", pos, persistent=False)

    def forward(self, emb_i, emb_j):
        z = F.normalize(torch.cat([emb_i, emb_j], dim=0), dim=1)
        sim = z @ z.T / self.temperature
        positives = (sim * self.positives_mask).sum(dim=1)
        denominator = (self.negatives_mask * torch.exp(sim)).sum(dim=1)
        return (-positives + torch.log(denominator)).mean()
