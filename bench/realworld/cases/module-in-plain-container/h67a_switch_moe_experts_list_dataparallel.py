# source: https://github.com/pytorch/pytorch/issues/3174
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 29, 42
# needs: torch
# cpu: clean
"""Switch-style MoE language model, trained with nn.DataParallel on every visible GPU."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class Expert(nn.Module):
    def __init__(self, d_model, d_ff):
        super().__init__()
        self.w1, self.w2 = nn.Linear(d_model, d_ff), nn.Linear(d_ff, d_model)

    def forward(self, x):
        return self.w2(F.gelu(self.w1(x)))


class SwitchFFN(nn.Module):
    def __init__(self, d_model, d_ff, n_experts, capacity_factor=1.25):
        super().__init__()
        self.n_experts, self.capacity_factor = n_experts, capacity_factor
        self.router = nn.Linear(d_model, n_experts)
        self.experts = [Expert(d_model, d_ff) for _ in range(n_experts)]
        for i, expert in enumerate(self.experts):
            self.add_module(f"expert_{i}", expert)

    def forward(self, x):
        B, T, C = x.shape
        flat = x.reshape(-1, C)
        gate, route = F.softmax(self.router(flat), dim=-1).max(dim=-1)
        capacity = int(self.capacity_factor * flat.size(0) / self.n_experts)
        out = flat.clone()
        for e in range(self.n_experts):
            idx = torch.nonzero(route == e, as_tuple=True)[0][:capacity]
            if idx.numel():
                out[idx] = gate[idx, None] * self.experts[e](flat[idx])
        return out.view(B, T, C)


class SwitchBlock(nn.Module):
    def __init__(self, d_model, n_heads, n_experts):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.attn = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
        self.ffn = SwitchFFN(d_model, 4 * d_model, n_experts)

    def forward(self, x, causal):
        h = self.ln1(x)
        x = x + self.attn(h, h, h, attn_mask=causal, need_weights=False)[0]
        return x + self.ffn(self.ln2(x))


class SwitchLM(nn.Module):
    def __init__(self, vocab, d_model=256, n_heads=4, n_layers=4, n_experts=8, max_len=128):
        super().__init__()
        self.tok, self.pos = nn.Embedding(vocab, d_model), nn.Embedding(max_len, d_model)
        self.blocks = nn.ModuleList(SwitchBlock(d_model, n_heads, n_experts) for _ in range(n_layers))
        self.head = nn.Linear(d_model, vocab, bias=False)

    def forward(self, idx):
        T = idx.size(1)
        causal = torch.triu(torch.ones(T, T, dtype=torch.bool, device=idx.device), 1)
        x = self.tok(idx) + self.pos(torch.arange(T, device=idx.device))
        for blk in self.blocks:
            x = blk(x, causal)
        return self.head(x)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SwitchLM(vocab=5000).to(device)
    if torch.cuda.device_count() > 1:
        model = nn.DataParallel(model)
    data = TensorDataset(torch.randint(0, 5000, (512, 129)))
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    for (batch,) in DataLoader(data, batch_size=32, shuffle=True):
        batch = batch.to(device)
        logits = model(batch[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, 5000), batch[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("loss", loss.item())
