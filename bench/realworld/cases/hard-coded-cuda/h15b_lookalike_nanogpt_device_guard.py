# source: https://github.com/karpathy/nanoGPT/issues/304
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: top-level, helper, loader-loop
# looks-like: hard-coded-cuda
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse
from contextlib import nullcontext

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

parser = argparse.ArgumentParser()
parser.add_argument("--device", default="cuda")
parser.add_argument("--block-size", type=int, default=64)
parser.add_argument("--batch-size", type=int, default=12)
parser.add_argument("--max-iters", type=int, default=2000)
args = parser.parse_args()

device = args.device if (args.device != "cuda" or torch.cuda.is_available()) else "cpu"
device_type = "cuda" if "cuda" in device else "cpu"
if device_type == "cuda" and torch.cuda.is_bf16_supported():
    ptdtype = torch.bfloat16
elif device_type == "cuda":
    ptdtype = torch.float16
else:
    ptdtype = torch.float32
ctx = nullcontext() if device_type == "cpu" else torch.amp.autocast(device_type=device_type, dtype=ptdtype)
scaler = torch.amp.GradScaler(device_type, enabled=(ptdtype == torch.float16))

data = np.random.randint(0, 65, size=200_000).astype(np.uint16)


def get_batch():
    ix = torch.randint(len(data) - args.block_size, (args.batch_size,))
    x = torch.stack([torch.from_numpy(data[i:i + args.block_size].astype(np.int64)) for i in ix])
    y = torch.stack([torch.from_numpy(data[i + 1:i + 1 + args.block_size].astype(np.int64)) for i in ix])
    if device_type == "cuda":
        return x.pin_memory().to(device, non_blocking=True), y.pin_memory().to(device, non_blocking=True)
    return x.to(device), y.to(device)


model = nn.Sequential(nn.Embedding(65, 128), nn.Linear(128, 256), nn.GELU(), nn.Linear(256, 65)).to(device)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
for it in range(args.max_iters):
    X, Y = get_batch()
    with ctx:
        logits = model(X)
        loss = F.cross_entropy(logits.view(-1, logits.size(-1)), Y.view(-1))
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    optimizer.zero_grad(set_to_none=True)
    if it % 100 == 0:
        print(it, loss.item())
