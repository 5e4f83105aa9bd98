# source: https://github.com/Lightning-AI/litgpt/pull/814
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: type-as-cpu
# shape: helper, loader-loop
# bug-lines: 52, 59, 60
# cpu: clean
# needs: torch
from typing import Optional

import torch
import torch.nn as nn


class CharTokenizer:
    def __init__(self, text):
        self.itos = sorted(set(text))
        self.stoi = {c: i for i, c in enumerate(self.itos)}

    def encode(self, s: str) -> torch.Tensor:
        return torch.tensor([self.stoi[c] for c in s], dtype=torch.long)

    def decode(self, t: torch.Tensor) -> str:
        return "".join(self.itos[i] for i in t.tolist())


class TinyGPT(nn.Module):
    def __init__(self, vocab_size, n_embd=32, block_size=32):
        super().__init__()
        self.block_size = block_size
        self.wte = nn.Embedding(vocab_size, n_embd)
        self.wpe = nn.Embedding(block_size, n_embd)
        self.block = nn.TransformerEncoderLayer(n_embd, 4, 4 * n_embd, batch_first=True)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)

    def forward(self, idx):
        pos = torch.arange(idx.size(1), device=idx.device)
        return self.lm_head(self.block(self.wte(idx) + self.wpe(pos)))


def sample(logits, temperature=1.0, top_k: Optional[int] = None):
    logits = logits / temperature
    if top_k is not None:
        v, _ = torch.topk(logits, min(top_k, logits.size(-1)))
        logits = torch.where(logits < v[..., [-1]], torch.full_like(logits, -float("inf")), logits)
    probs = torch.softmax(logits, dim=-1)
    return torch.multinomial(probs, num_samples=1)


def next_token(model, idx, like, **kwargs):
    logits = model(idx[:, -model.block_size:])
    nxt = sample(logits[:, -1, :], **kwargs)
    return nxt.type_as(like)


@torch.no_grad()
def generate(model, prompt, max_new_tokens, device, **kwargs):
    idx = prompt.unsqueeze(0).to(device)
    for _ in range(max_new_tokens):
        nxt = next_token(model, idx, prompt, **kwargs)
        idx = torch.cat((idx, nxt), dim=1)
    return idx[0]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    text = "hello lightning, hello litgpt"
    tok = CharTokenizer(text)
    model = TinyGPT(len(tok.itos)).to(device).eval()
    encoded = tok.encode("hello")
    out = generate(model, encoded, max_new_tokens=10, device=device, temperature=0.8, top_k=5)
    print(tok.decode(out.cpu()))
