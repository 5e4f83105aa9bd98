# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL302 --confirm rules/TL302-module-in-plain-container/runtime_bad.py
# Task heads kept in a plain list are not registered: `.to("cuda")` (and the
# optimizer, and the state dict) never see them, and the first head fails on the GPU
# features.
import torch
from torch import nn


class MultiTaskHead(nn.Module):
    def __init__(self, hidden, num_labels):
        super().__init__()
        self.trunk = nn.Linear(8, hidden)
        self.heads = [nn.Linear(hidden, n) for n in num_labels]  # expect: TL302:9

    def forward(self, x):
        x = self.trunk(x).relu()
        return [head(x) for head in self.heads]


if __name__ == "__main__":
    model = MultiTaskHead(16, [2, 5]).to("cuda")
    print([out.shape for out in model(torch.randn(3, 8, device="cuda"))])
