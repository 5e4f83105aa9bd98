# source: https://github.com/Qualcomm-AI-research/geometric-algebra-transformer/pull/6
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: helper, class
# bug-lines: 22
# needs: torch
# cpu: no written where torch was not installed; not run
from functools import lru_cache

import torch
import torch.nn as nn

# The 16 basis blades of projective geometric algebra G(3,0,1), e0 being the null vector.
BLADES = [(), (0,), (1,), (2,), (3,), (0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3),
          (0, 1, 2), (0, 1, 3), (0, 2, 3), (1, 2, 3), (0, 1, 2, 3)]


@lru_cache()
def grade_indices(grade, device=torch.device("cpu")):
    """Positions of the blades of one grade inside a 16-component multivector."""
    idx = [i for i, blade in enumerate(BLADES) if len(blade) == grade]
    return torch.LongTensor(idx, device=device)


def embed_point(coords):
    """(..., 3) Euclidean points -> (..., 16) trivector multivectors."""
    mv = torch.zeros(*coords.shape[:-1], 16, dtype=coords.dtype, device=coords.device)
    mv[..., 14] = 1.0
    mv[..., 13] = -coords[..., 0]
    mv[..., 12] = coords[..., 1]
    mv[..., 11] = -coords[..., 2]
    return mv


def grade_project(x, grade):
    idx = grade_indices(grade, x.device)
    out = torch.zeros_like(x)
    out.index_copy_(-1, idx, x.index_select(-1, idx))
    return out


class EquiLinear(nn.Module):
    """Channel mixing that keeps every grade separate (Pin(3,0,1)-equivariant)."""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(5, out_channels, in_channels) / in_channels ** 0.5)

    def forward(self, x):  # x: (batch, items, in_channels, 16)
        out = torch.zeros(*x.shape[:2], self.weight.shape[1], 16, dtype=x.dtype, device=x.device)
        for grade in range(5):
            out = out + torch.einsum("oi,bnic->bnoc", self.weight[grade], grade_project(x, grade))
        return out


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    layer = EquiLinear(1, 8).to(device)
    points = torch.randn(4, 100, 3, device=device)
    print(layer(embed_point(points).unsqueeze(2)).shape)
