# source: https://github.com/jcwleo/random-network-distillation-pytorch/pull/14
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: clean
"""Sampling diagnostics for a GRU LM: per-step entropy and top-1 mass of the next-token distribution."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class GRULM(nn.Module):
    def __init__(self, vocab=500, emb=64, hidden=128):
        super().__init__()
        self.embed = nn.Embedding(vocab, emb)
        self.rnn = nn.GRU(emb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, x, h=None):
        y, h = self.rnn(self.embed(x), h)
        return self.out(y), h


@torch.no_grad()
def sample_with_stats(model, prompts, steps=40, temperature=0.9):
    step_probs, step_losses = [], []
    logits, h = model(prompts)
    for _ in range(steps):
        probs = F.softmax(logits[:, -1] / temperature, dim=-1)
        nxt = torch.multinomial(probs, 1)
        step_losses.append(-torch.log(probs.gather(1, nxt)).mean().item())
        step_probs.append(probs.cpu().numpy())
        logits, h = model(nxt, h)
    all_probs = np.vstack(step_probs)
    entropy = -(all_probs * np.log(all_probs + 1e-12)).sum(axis=1)
    return {"mean_entropy": float(entropy.mean()),
            "mean_top1": float(all_probs.max(axis=1).mean()),
            "mean_nll": float(np.mean(step_losses))}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = GRULM().to(device).eval()
    prompts = torch.randint(0, 500, (8, 12), device=device)
    for temp in (0.7, 1.0, 1.3):
        stats = sample_with_stats(model, prompts, temperature=temp)
        print(temp, {k: round(v, 3) for k, v in stats.items()})
