import torch
from torch import nn


class Mixer(nn.Module):
    def __init__(self, attn: nn.Linear) -> None:
        super().__init__()
        self.attn = attn
        self.temporal = nn.Linear(attn.in_features, attn.in_features)


class Block(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.attn = nn.Linear(dim, dim)


class Patcher:
    def patch(self, unet: nn.Module) -> nn.Module:
        for block in unet:
            block.attn = Mixer(block.attn)
        return unet


def load_unet(dim=32):
    return nn.Sequential(*[Block(dim) for _ in range(3)]).eval()


def sample(device):
    # Patched before the move: the new weights move with the model.
    unet = Patcher().patch(load_unet())
    unet = unet.to(device)
    return unet(torch.randn(2, 32, device=device))


def patch_then_place(device):
    unet = nn.Sequential(Block(32), Block(32))
    for block in unet:
        block.attn = Mixer(block.attn)
    return unet.to(device)
