# source: https://github.com/huggingface/transformers/pull/43369
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, batch-dict, loader-loop
# bug-lines: 54, 57
# needs: torch
# cpu: no written where torch was not installed; not run
"""Quantization-aware fine-tuning of a small GPT on packed sequences (several docs per row)."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class FakeQuantLinear(nn.Linear):
    def forward(self, x, bits=8):
        qmax = 2 ** (bits - 1) - 1
        scale = self.weight.abs().amax(dim=1, keepdim=True).clamp(min=1e-6) / qmax
        w_q = torch.clamp(torch.round(self.weight / scale), -qmax - 1, qmax) * scale
        return F.linear(x, self.weight + (w_q - self.weight).detach(), self.bias)


class TinyGPT(nn.Module):
    def __init__(self, vocab=8000, d=256, n_layers=4, max_pos=1024):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(vocab, d), nn.Embedding(max_pos, d)
        self.mlps = nn.ModuleList(
            nn.Sequential(nn.LayerNorm(d), FakeQuantLinear(d, 4 * d), nn.GELU(), FakeQuantLinear(4 * d, d))
            for _ in range(n_layers))
        self.lm_head = FakeQuantLinear(d, vocab, bias=False)

    def forward(self, input_ids, position_ids):
        h = self.wte(input_ids) + self.wpe(position_ids)
        for mlp in self.mlps:
            h = h + mlp(h)
        return self.lm_head(h)


class PackedRows(Dataset):
    def __init__(self, n_rows=128, seq_len=256, vocab=8000):
        self.ids = torch.randint(0, vocab, (n_rows, seq_len + 1))
        self.seg = torch.cumsum(torch.rand(n_rows, seq_len) < 0.02, dim=1)

    def __len__(self):
        return self.ids.shape[0]

    def __getitem__(self, i):
        return {"input_ids": self.ids[i, :-1], "labels": self.ids[i, 1:], "segment_ids": self.seg[i]}


def packed_position_ids(segment_ids):
    """Positions restart at 0 at every document boundary inside a packed row."""
    bsz, seq_len = segment_ids.shape
    pos = torch.arange(seq_len).unsqueeze(0).expand(bsz, -1)
    new_doc = torch.ones_like(segment_ids, dtype=torch.bool)
    new_doc[:, 1:] = segment_ids[:, 1:] != segment_ids[:, :-1]
    doc_start = torch.cummax(pos * new_doc, dim=1).values
    return pos - doc_start


def finetune(epochs=1, device="cuda"):
    model = TinyGPT().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
    loader = DataLoader(PackedRows(), batch_size=8, shuffle=True)
    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            position_ids = packed_position_ids(batch["segment_ids"])
            logits = model(batch["input_ids"], position_ids)
            loss = F.cross_entropy(logits.flatten(0, 1), batch["labels"].flatten())
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            if step % 4 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.3f}")


if __name__ == "__main__":
    finetune()
