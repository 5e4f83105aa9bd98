# A helper of the model's forward puts its mask on CUDA by name, and the model
# itself never leaves the CPU it was made on: without a GPU the `.cuda()` fails,
# with one the mask is on another device than everything else the forward computes.
import torch
from torch import nn


def diagonal_mask(n):
    return torch.eye(n).cuda() * -1e4  # expect: TL212:12 lines=24,23


class SelfAttention(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.qk = nn.Linear(dim, dim)

    def forward(self, x):
        scores = self.qk(x) @ x.transpose(1, 2)
        return (scores + diagonal_mask(x.size(1))).softmax(-1)


if __name__ == "__main__":
    attention = SelfAttention(16)
    print(attention(torch.randn(2, 5, 16)).shape)
