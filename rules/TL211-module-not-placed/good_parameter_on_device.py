import torch
import torch.nn as nn


def identity_check(device):
    # The only weight is replaced by one made on the device: the layer is where its
    # input is.
    inputs = torch.rand(1, 2, 4, device=device)
    projection = nn.Linear(4, 4, bias=False)
    projection.weight = nn.Parameter(torch.eye(4, device=device))
    stacked = nn.Sequential(nn.Linear(4, 4, bias=False))
    stacked[0].weight = nn.Parameter(torch.eye(4, device=device))
    return projection(inputs), stacked(inputs)
