# The position table is built with numpy by a helper and kept as a plain tensor
# attribute: model.to(device) leaves it on the CPU, and the rows forward() takes from
# it meet the embeddings on the GPU.
import numpy as np
import torch
from torch import nn


def sinusoid_table(length, dim):
    angles = np.arange(length)[:, None] / np.power(10000, 2 * (np.arange(dim)[None] // 2) / dim)
    angles[:, 0::2] = np.sin(angles[:, 0::2])
    angles[:, 1::2] = np.cos(angles[:, 1::2])
    return angles


class ControlledLM(nn.Module):
    def __init__(self, vocab=32000, dim=256, max_len=512):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.pos_table = torch.tensor(sinusoid_table(max_len, dim), dtype=torch.float32)  # expect: TL301:9 lines=26
        self.head = nn.Linear(dim, vocab)

    def forward(self, ids):
        positions = torch.arange(ids.shape[1], device=ids.device)
        pos = self.pos_table[positions, :]
        return self.head(self.embed(ids) + pos)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = ControlledLM().to(device)
    print(model(torch.randint(0, 32000, (2, 16), device=device)).shape)
