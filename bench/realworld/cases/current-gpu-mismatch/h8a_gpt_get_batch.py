# source: https://github.com/davmacario/MDI-LLM/issues/21
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, loader-loop
# bug-lines: 49
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class GPTConfig:
    block_size: int = 256
    vocab_size: int = 50304
    n_embd: int = 384
    n_layer: int = 6
    n_head: int = 6
    batch_size: int = 32


class TinyGPT(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.tok = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        self.pos = nn.Embedding(cfg.block_size, cfg.n_embd)
        layer = nn.TransformerEncoderLayer(cfg.n_embd, cfg.n_head, 4 * cfg.n_embd, batch_first=True)
        self.blocks = nn.TransformerEncoder(layer, cfg.n_layer)
        self.head = nn.Linear(cfg.n_embd, cfg.vocab_size, bias=False)

    def forward(self, idx):
        t = idx.size(1)
        pos = torch.arange(t, device=idx.device)
        mask = nn.Transformer.generate_square_subsequent_mask(t, device=idx.device)
        return self.head(self.blocks(self.tok(idx) + self.pos(pos), mask=mask, is_causal=True))


def get_batch(dataset, batch_size: int, device: str, cfg: GPTConfig):
    """Sample random (context, next-token target) blocks from a uint16 memmap."""
    ix = torch.randint(len(dataset) - cfg.block_size, (batch_size,))
    x = torch.stack([torch.from_numpy(dataset[i:i + cfg.block_size].astype(np.int64)) for i in ix])
    y = torch.stack([torch.from_numpy(dataset[i + 1:i + 1 + cfg.block_size].astype(np.int64)) for i in ix])
    if "cuda" in device:
        x = x.pin_memory().to("cuda", non_blocking=True)
        y = y.pin_memory().to(device, non_blocking=True)
    else:
        x, y = x.to(device), y.to(device)
    return x, y


def train(data_path: str, device: str, iters: int = 5000, lr: float = 6e-4):
    cfg = GPTConfig()
    data = np.memmap(data_path, dtype=np.uint16, mode="r")
    model = TinyGPT(cfg).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    for it in range(iters):
        x, y = get_batch(data, cfg.batch_size, device, cfg)
        logits = model(x)
        loss = F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if it % 200 == 0:
            print(f"iter {it}: loss {loss.item():.4f}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/shakespeare/train.bin")
    p.add_argument("--device", default="cuda:1")
    args = p.parse_args()
    train(args.data, args.device)
