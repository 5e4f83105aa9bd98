# A helper swaps the blocks of a ModuleList for faster ones after the model was
# placed: the new blocks are made on the CPU and the model is not moved again.
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.mix = nn.Linear(dim, dim)

    def forward(self, h):
        return h + self.mix(h)


class FastBlock(Block):
    pass


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
        fast = FastBlock(dim)
        fast.load_state_dict(block.state_dict())
        model.blocks[i] = fast
    return model


if __name__ == "__main__":
    device = torch.device("cuda")
    model = Stack().to(device).eval()
    model = use_fast_blocks(model)  # expect: TL202:5 lines=35,41
    print(model(torch.randn(4, 32, device=device)))
