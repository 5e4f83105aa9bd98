import torch
from torch import nn


class LowRank(nn.Module):
    def __init__(self, d_in: int, d_out: int, rank: int = 4, device=None) -> None:
        super().__init__()
        self.a = nn.Parameter(torch.zeros(rank, d_in, device=device))
        self.b = nn.Parameter(torch.zeros(d_out, rank, device=device))

    @classmethod
    def beside(cls, base: nn.Linear, rank: int = 4) -> "LowRank":
        return cls(base.in_features, base.out_features, rank, device=base.weight.device)


class Adapted(nn.Module):
    def __init__(self, base: nn.Linear, extra: nn.Module) -> None:
        super().__init__()
        self.base = base
        self.extra = extra


def wrap_linears(module, rank=4):
    # Recursive: the wrapper keeps the placed layer and factors made on its device;
    # it builds no weights of its own.
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            wrapped = Adapted(child, LowRank.beside(child, rank))
            setattr(module, name, wrapped)
        else:
            wrap_linears(child, rank)
    return module


def wrap_with_device(module, rank=4):
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            extra = LowRank(child.in_features, child.out_features, rank, device=child.weight.device)
            setattr(module, name, Adapted(child, extra))
        else:
            wrap_with_device(child, rank)
    return module


def finetune(device):
    model = nn.Sequential(nn.Sequential(nn.Linear(8, 8)), nn.Linear(8, 2)).to(device)
    wrap_linears(model)
    wrap_with_device(model)
    return model
