# source: https://github.com/Lightning-AI/pytorch-lightning/pull/6216
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: helper, loader-loop
# bug-lines: 43, 44
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
import math

import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from transformers import AutoConfig, AutoModelForCausalLM


class TokenBlocks(Dataset):
    def __init__(self, path, block_size=512):
        self.tokens = np.memmap(path, dtype=np.uint16, mode="r")
        self.block_size = block_size

    def __len__(self):
        return (len(self.tokens) - 1) // self.block_size

    def __getitem__(self, i):
        s = i * self.block_size
        block = torch.from_numpy(self.tokens[s:s + self.block_size + 1].astype(np.int64))
        return block[:-1], block[1:]


def lm_loss(model, x, y):
    logits = model(input_ids=x).logits
    return F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))


@torch.no_grad()
def evaluate(model, loader, device, max_batches=50):
    model.eval()
    losses = []
    for i, (x, y) in enumerate(loader):
        if i == max_batches:
            break
        x.to(device, non_blocking=True)
        y.to(device, non_blocking=True)
        losses.append(lm_loss(model, x, y).item())
    model.train()
    mean = sum(losses) / len(losses)
    return mean, math.exp(mean)


def train(steps=2000, eval_every=250):
    device = torch.device("cuda")
    model = AutoModelForCausalLM.from_config(AutoConfig.from_pretrained("gpt2")).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=6e-4, weight_decay=0.1)
    train_dl = DataLoader(TokenBlocks("data/train.bin"), batch_size=8, shuffle=True, drop_last=True)
    val_dl = DataLoader(TokenBlocks("data/val.bin"), batch_size=8)
    for step, (x, y) in enumerate(train_dl):
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        loss = lm_loss(model, x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step % eval_every == 0:
            val_loss, ppl = evaluate(model, val_dl, device)
            print(f"step {step} train {loss.item():.3f} val {val_loss:.3f} ppl {ppl:.1f}")
        if step == steps:
            break


if __name__ == "__main__":
    train()
