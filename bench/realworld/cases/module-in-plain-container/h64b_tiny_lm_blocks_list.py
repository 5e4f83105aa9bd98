# source: https://github.com/ChristophReich1996/MaxViT/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA__native_layer_norm)
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 33, 35
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class Block(nn.Module):
    def __init__(self, d_model, n_head):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = nn.MultiheadAttention(d_model, n_head, batch_first=True)
        self.ln2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model))

    def forward(self, x, causal_mask):
        h = self.ln1(x)
        x = x + self.attn(h, h, h, attn_mask=causal_mask, need_weights=False)[0]
        return x + self.mlp(self.ln2(x))


class TinyLM(nn.Module):
    def __init__(self, vocab_size=8000, d_model=256, n_head=4, depths=(2, 2), ctx=128):
        super().__init__()
        self.tok_emb = nn.Embedding(vocab_size, d_model)
        self.pos_emb = nn.Embedding(ctx, d_model)
        self.stages = []
        for depth in depths:
            self.stages.append(nn.ModuleList(Block(d_model, n_head) for _ in range(depth)))
        self.ln_f = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab_size, bias=False)

    def forward_features(self, x, causal_mask):
        for stage in self.stages:
            for block in stage:
                x = block(x, causal_mask)
        return x

    def forward(self, idx):
        T = idx.size(1)
        pos = torch.arange(T, device=idx.device)
        causal_mask = torch.triu(torch.ones(T, T, dtype=torch.bool, device=idx.device), diagonal=1)
        x = self.tok_emb(idx) + self.pos_emb(pos)
        return self.lm_head(self.ln_f(self.forward_features(x, causal_mask)))


def train_epoch(model, loader, opt, device):
    model.train()
    for (tokens,) in loader:
        tokens = tokens.to(device)
        logits = model(tokens[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tokens[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda")
    data = torch.randint(0, 8000, (512, 129))
    loader = DataLoader(TensorDataset(data), batch_size=16, shuffle=True)
    model = TinyLM().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    for epoch in range(3):
        print(epoch, train_epoch(model, loader, opt, device))
