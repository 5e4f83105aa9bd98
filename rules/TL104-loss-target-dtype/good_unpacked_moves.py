# The batch's tensors are moved one by one by a generator unpacked into names; the
# int32 tags are made int64 before they meet the loss.
import numpy as np
import torch
from torch import nn


def batches(n, steps):
    for _ in range(steps):
        tokens = torch.randint(0, 1000, (n, 12))
        tags = torch.from_numpy(np.random.randint(0, 9, (n, 12)).astype(np.int32))
        yield tokens, tags


def train(model, device, steps=10):
    criterion = nn.CrossEntropyLoss()
    for batch in batches(8, steps):
        tokens, tags = (t.to(device) for t in batch)
        tags = tags.long()
        logits = model(tokens)
        loss = criterion(logits.flatten(0, 1), tags.flatten())
        loss.backward()


if __name__ == "__main__":
    device = torch.device("cuda")
    model = nn.Sequential(nn.Embedding(1000, 32), nn.Linear(32, 9)).to(device)
    train(model, device)
