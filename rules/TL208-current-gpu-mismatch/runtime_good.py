# The fixed twin of runtime_bad.py (docs/runtime.md):
# The inputs follow the model's GPU: it runs clean with two simulated GPUs.
# devices: 2
import torch
from torch import nn


def classify(gpu, ids):
    model = nn.Embedding(100, 8).cuda(gpu)
    ids = ids.cuda(gpu)
    return model(ids)


if __name__ == "__main__":
    print(classify(1, torch.randint(0, 100, (4, 6))).shape)
