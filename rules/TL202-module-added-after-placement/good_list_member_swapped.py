# The blocks are swapped before the model is placed, or the model is moved again
# after the swap: every block ends on the device.
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.mix = nn.Linear(dim, dim)

    def forward(self, h):
        return h + self.mix(h)


class Stack(nn.Module):
    def __init__(self, dim=32, depth=3):
        super().__init__()
        self.blocks = nn.ModuleList([Block(dim) for _ in range(depth)])

    def forward(self, h):
        for block in self.blocks:
            h = block(h)
        return h


def use_fast_blocks(model, dim=32):
    for i, block in enumerate(model.blocks):
        fast = Block(dim)
        fast.load_state_dict(block.state_dict())
        model.blocks[i] = fast
    return model


def swap_on_device(model, device, dim=32):
    for i in range(len(model.blocks)):
        model.blocks[i] = Block(dim).to(device)
    return model


if __name__ == "__main__":
    device = torch.device("cuda")
    model = use_fast_blocks(Stack()).to(device).eval()
    print(model(torch.randn(4, 32, device=device)))
    again = Stack().to(device)
    again = use_fast_blocks(again).to(device)
    print(again(torch.randn(4, 32, device=device)))
    third = swap_on_device(Stack().to(device), device)
    print(third(torch.randn(4, 32, device=device)))
    # (a dict of settings filled by key is no module)
    settings = {}
    settings["blocks"] = 3
