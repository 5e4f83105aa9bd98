import torch
from torch import nn


class Mixer(nn.Module):
    # Wraps an attention layer and adds weights of its own (made on the CPU).
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
        for block in unet:  # the members of an nn.Sequential: parts of the model
            block.attn = Mixer(block.attn)
        return unet


def load_unet(device, dim=32):
    unet = nn.Sequential(*[Block(dim) for _ in range(3)])
    return unet.to(device).eval()


def sample(device):
    unet = load_unet(device)
    unet = Patcher().patch(unet)  # expect: TL202:5 lines=22,28
    return unet(torch.randn(2, 32, device=device))


def patch_in_place(device):
    unet = nn.Sequential(Block(32), Block(32)).to(device)
    for block in unet:
        block.attn = Mixer(block.attn)  # expect: TL202:9 lines=38
    return unet
