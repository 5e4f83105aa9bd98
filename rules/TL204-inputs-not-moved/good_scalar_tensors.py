import torch
from torch import nn


# Zero-dimensional CPU tensors (a number, a negative one, a bool) mix with tensors on
# any device: torch treats them as scalars.
def masked_scores(device):
    model = nn.Linear(4, 4).to(device)
    scores = model(torch.rand(2, 4, device=device))
    mask = scores > 0
    scores = torch.masked_fill(scores, mask == torch.tensor(False), float("-inf"))
    return scores * torch.tensor(-1.0) + torch.tensor(2)
