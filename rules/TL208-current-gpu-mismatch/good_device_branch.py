import argparse

import numpy as np
import torch
import torch.nn as nn


class TokenModel(nn.Module):
    def __init__(self, vocab=512, dim=64):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.head = nn.Linear(dim, vocab)

    def forward(self, ids):
        return self.head(self.embed(ids))


# Both halves of the batch go to --device on the GPU run's branch.
def get_batch(data, block, batch_size, device):
    ix = np.random.randint(0, len(data) - block, batch_size)
    x = torch.stack([torch.from_numpy(data[i : i + block].astype(np.int64)) for i in ix])
    y = torch.stack([torch.from_numpy(data[i + 1 : i + 1 + block].astype(np.int64)) for i in ix])
    if "cuda" in device:
        x = x.pin_memory().to(device, non_blocking=True)
        y = y.pin_memory().to(device, non_blocking=True)
    else:
        x, y = x.to(device), y.to(device)
    return x, y


# The CPU run's branch is the one that names no GPU at all.
def get_cpu_batch(data, device):
    x = torch.from_numpy(data.astype(np.int64))
    if "cuda" not in device:
        return x
    return x.to(device)


def train(data, device, steps=100):
    model = TokenModel().to(device)
    for _ in range(steps):
        x, y = get_batch(data, 64, 8, device)
        logits = model(x)
        loss = nn.functional.cross_entropy(logits.flatten(0, 1), y.flatten())
        loss.backward()
        model(get_cpu_batch(data, device))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:1")
    args = parser.parse_args()
    train(np.memmap("train.bin", dtype=np.uint16, mode="r"), args.device)
