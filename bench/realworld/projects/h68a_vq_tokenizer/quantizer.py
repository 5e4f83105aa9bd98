# source: https://github.com/lucidrains/vector-quantize-pytorch/issues/37
# error: RuntimeError: X1 and X2 must have the same device type. X1: cuda X2: cpu
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class CodebookQuantizer(nn.Module):
    """Nearest-neighbour vector quantizer with a learnable codebook."""

    def __init__(self, dim, codebook_size, commitment_weight=0.25):
        super().__init__()
        self.codebook = nn.Parameter(torch.randn(codebook_size, dim) * 0.02)
        self.commitment_weight = commitment_weight

    def forward(self, x):
        # x: (batch, tokens, dim)
        flat = x.reshape(-1, x.shape[-1])
        dist = torch.cdist(flat, self.codebook, p=2)
        indices = dist.argmin(dim=-1)
        quantized = self.codebook[indices].view_as(x)
        codebook_loss = F.mse_loss(quantized, x.detach())
        commit_loss = F.mse_loss(quantized.detach(), x) * self.commitment_weight
        quantized = x + (quantized - x).detach()
        return quantized, indices.view(x.shape[:-1]), codebook_loss + commit_loss
