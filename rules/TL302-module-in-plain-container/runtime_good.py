# Runnable companion of good.py for the runtime check (docs/runtime.md): the heads are
# in an `nn.ModuleList`, registered and moved with the model. Runs clean under
# simulated CUDA.
import torch
from torch import nn


class MultiTaskHead(nn.Module):
    def __init__(self, hidden, num_labels):
        super().__init__()
        self.trunk = nn.Linear(8, hidden)
        self.heads = nn.ModuleList([nn.Linear(hidden, n) for n in num_labels])

    def forward(self, x):
        x = self.trunk(x).relu()
        return [head(x) for head in self.heads]


if __name__ == "__main__":
    model = MultiTaskHead(16, [2, 5]).to("cuda")
    print([out.shape for out in model(torch.randn(3, 8, device="cuda"))])
