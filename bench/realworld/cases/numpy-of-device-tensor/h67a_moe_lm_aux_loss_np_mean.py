# source: https://github.com/swz30/MPRNet/issues/91
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, loader-loop
# bug-lines: 91
# needs: torch, numpy
# cpu: raises "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
"""Train a small mixture-of-experts LM; loss = LM loss + router load-balancing loss."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class TokenShard(Dataset):
    def __init__(self, tokens, block_size):
        self.tokens, self.block_size = tokens, block_size

    def __len__(self):
        return (len(self.tokens) - 1) // self.block_size

    def __getitem__(self, i):
        chunk = self.tokens[i * self.block_size: (i + 1) * self.block_size + 1]
        return chunk[:-1], chunk[1:]


class MoEFeedForward(nn.Module):
    def __init__(self, d_model, n_experts=4, top_k=2):
        super().__init__()
        self.top_k = top_k
        self.router = nn.Linear(d_model, n_experts, bias=False)
        self.experts = nn.ModuleList(
            nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))
            for _ in range(n_experts))
        self.aux_loss = None

    def forward(self, x):
        B, T, C = x.shape
        flat = x.reshape(-1, C)
        probs = F.softmax(self.router(flat), dim=-1)
        weights, idx = probs.topk(self.top_k, dim=-1)
        weights = weights / weights.sum(-1, keepdim=True)
        out = torch.zeros_like(flat)
        for e, expert in enumerate(self.experts):
            rows, slot = (idx == e).nonzero(as_tuple=True)
            if rows.numel():
                out[rows] += weights[rows, slot, None] * expert(flat[rows])
        load = F.one_hot(idx[:, 0], probs.size(-1)).float().mean(0)
        self.aux_loss = probs.size(-1) * (load * probs.mean(0)).sum()
        return out.view(B, T, C)


class Block(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.moe = MoEFeedForward(d_model)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(B, T, 3, self.n_heads, -1).transpose(1, 3).unbind(2)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.proj(y.transpose(1, 2).reshape(B, T, C))
        return x + self.moe(self.ln2(x))


class MoELM(nn.Module):
    def __init__(self, vocab, d_model=128, n_heads=4, n_layers=2, block_size=64):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(vocab, d_model), nn.Embedding(block_size, d_model)
        self.blocks = nn.ModuleList(Block(d_model, n_heads) for _ in range(n_layers))
        self.ln_f, self.head = nn.LayerNorm(d_model), nn.Linear(d_model, vocab, bias=False)

    def forward(self, idx):
        x = self.wte(idx) + self.wpe(torch.arange(idx.size(1), device=idx.device))
        for blk in self.blocks:
            x = blk(x)
        return self.head(self.ln_f(x))


def train_epoch(model, loader, optimizer, device, aux_coef=0.01):
    model.train()
    for step, (x, y) in enumerate(loader):
        x, y = x.to(device), y.to(device)
        logits = model(x)
        lm_loss = F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
        aux = np.mean([blk.moe.aux_loss for blk in model.blocks])
        loss = lm_loss + aux_coef * aux
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if step % 20 == 0:
            print(f"step {step}: lm {lm_loss.item():.3f} aux {float(aux):.3f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokens = torch.randint(0, 2048, (64 * 200 + 1,))
    loader = DataLoader(TokenShard(tokens, 64), batch_size=8, shuffle=True, drop_last=True)
    model = MoELM(2048).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
    train_epoch(model, loader, optimizer, device)
