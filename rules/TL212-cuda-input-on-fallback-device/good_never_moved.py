import torch
from torch import nn


# The mask is made where the input is: the model runs on whatever device it is given.
def diagonal_mask(x):
    return torch.eye(x.size(1), device=x.device) * -1e4


class SelfAttention(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.qk = nn.Linear(dim, dim)

    def forward(self, x):
        scores = self.qk(x) @ x.transpose(1, 2)
        if x.is_cuda:
            # only a model on the GPU gets here
            scores = scores + torch.zeros(1).cuda()
        return (scores + diagonal_mask(x)).softmax(-1)


if __name__ == "__main__":
    attention = SelfAttention(16)
    print(attention(torch.randn(2, 5, 16)).shape)
