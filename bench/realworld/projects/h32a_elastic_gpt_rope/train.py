# source: https://github.com/whittle-org/whittle/pull/69
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import random

import numpy as np
import torch
import torch.nn.functional as F

from model import ElasticGPT


def get_batch(data, block_size, batch_size, device):
    ix = torch.randint(len(data) - block_size - 1, (batch_size,))
    x = torch.stack([torch.from_numpy(data[i:i + block_size].astype(np.int64)) for i in ix])
    y = torch.stack([torch.from_numpy(data[i + 1:i + 1 + block_size].astype(np.int64)) for i in ix])
    return x.to(device), y.to(device)


def main():
    device = torch.device("cuda")
    data = np.memmap("openwebtext/train.bin", dtype=np.uint16, mode="r")
    model = ElasticGPT(n_layer=6).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)

    for step in range(1000):
        model.set_sub_network(random.choice([4, 8, 12]))
        x, y = get_batch(data, block_size=256, batch_size=16, device=device)
        logits = model(x)
        loss = F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 50 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
