# source: https://github.com/zyushun/Adam-mini/pull/1
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, loader-loop
# bug-lines: 31, 32
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
from torch.utils.data import DataLoader, Dataset


class BlockwiseAdam(torch.optim.Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad
                state = self.state[p]
                if not state:
                    state["m"] = torch.zeros_like(p)
                    state["vmean"] = torch.zeros(p.shape[0], 1).cuda()
                    state["step"] = torch.tensor(0.0, device="cuda")
                state["step"] += 1
                p.mul_(1 - group["lr"] * group["weight_decay"])
                state["m"].lerp_(grad, 1 - beta1)
                block_sq = grad.pow(2).reshape(p.shape[0], -1).mean(dim=1, keepdim=True)
                state["vmean"].mul_(beta2).add_(block_sq, alpha=1 - beta2)
                step = state["step"].item()
                bias1 = 1 - beta1 ** step
                bias2 = math.sqrt(1 - beta2 ** step)
                denom = (state["vmean"].sqrt() / bias2).add_(group["eps"])
                update = state["m"].reshape(p.shape[0], -1) / denom
                p.add_(update.reshape_as(p), alpha=-group["lr"] / bias1)
        return loss


class TokenWindows(Dataset):
    def __init__(self, path, block_size=128):
        self.data = torch.load(path)
        self.block_size = block_size

    def __len__(self):
        return (len(self.data) - 1) // self.block_size

    def __getitem__(self, i):
        chunk = self.data[i * self.block_size:(i + 1) * self.block_size + 1]
        return chunk[:-1], chunk[1:]


if __name__ == "__main__":
    device = "mps" if torch.backends.mps.is_available() else ("cuda" if torch.cuda.is_available() else "cpu")
    model = torch.nn.Sequential(torch.nn.Embedding(50257, 256), torch.nn.Linear(256, 50257)).to(device)
    optimizer = BlockwiseAdam(model.parameters(), lr=3e-4, weight_decay=0.1)
    loader = DataLoader(TokenWindows("data/shakespeare_tokens.pt"), batch_size=16, shuffle=True)
    for it, (x, y) in enumerate(loader):
        x, y = x.to(device), y.to(device)
        logits = model(x)
        loss = torch.nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if it % 50 == 0:
            print(f"iter {it}: loss {loss.item():.3f}")
