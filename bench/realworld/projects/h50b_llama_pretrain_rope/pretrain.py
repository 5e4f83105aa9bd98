# source: https://github.com/OptimalScale/LMFlow/issues/465
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: loader-loop, multi-file
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from model import Config, TinyLlama


class PackedTokens(Dataset):
    """Tokenizer output concatenated into one uint16 stream (nanoGPT-style train.bin)."""

    def __init__(self, path, block_size):
        self.data = np.memmap(path, dtype=np.uint16, mode="r")
        self.block_size = block_size

    def __len__(self):
        return (len(self.data) - 1) // self.block_size

    def __getitem__(self, i):
        s = i * self.block_size
        chunk = torch.from_numpy(self.data[s:s + self.block_size + 1].astype(np.int64))
        return chunk[:-1], chunk[1:]


def main():
    cfg = Config()
    device = torch.device("cuda")
    model = TinyLlama(cfg).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4, betas=(0.9, 0.95), weight_decay=0.1)
    loader = DataLoader(PackedTokens("data/train.bin", cfg.block_size), batch_size=16,
                        shuffle=True, num_workers=4, pin_memory=True, drop_last=True)
    model.train()
    for step, (x, y) in enumerate(loader):
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        with torch.autocast("cuda", dtype=torch.bfloat16):
            _, loss = model(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 100 == 0:
            print(f"step {step}: loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
