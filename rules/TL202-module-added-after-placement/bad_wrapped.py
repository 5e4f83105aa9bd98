import torch
from torch import nn


class LowRank(nn.Module):
    def __init__(self, base: nn.Linear, rank: int = 4) -> None:
        super().__init__()
        self.a = nn.Parameter(torch.zeros(rank, base.in_features))
        self.b = nn.Parameter(torch.zeros(base.out_features, rank))


class Adapted(nn.Module):
    def __init__(self, base: nn.Linear, extra: nn.Module) -> None:
        super().__init__()
        self.base = base
        self.extra = extra


def wrap_linears(module, rank=4):
    # Recursive: the wrapper keeps the placed layer, but the factors it is given
    # are made on the CPU.
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            wrapped = Adapted(child, LowRank(child, rank))
            setattr(module, name, wrapped)
        else:
            wrap_linears(child, rank)
    return module


def finetune(device):
    model = nn.Sequential(nn.Sequential(nn.Linear(8, 8)), nn.Linear(8, 2)).to(device)
    wrap_linears(model)  # expect: TL202:5 lines=24,32
    return model
