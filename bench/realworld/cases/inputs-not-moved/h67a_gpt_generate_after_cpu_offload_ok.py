# source: https://github.com/rasbt/LLMs-from-scratch/issues/853
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: helper, top-level
# looks-like: inputs-not-moved
# needs: torch
# cpu: clean
"""Pretrain a tiny byte-level GPT on the GPU, then move it back to the CPU to sample."""
import torch
import torch.nn as nn
import torch.nn.functional as F

CONTEXT = 64


class TinyGPT(nn.Module):
    def __init__(self, vocab=256, d_model=128, n_heads=4, n_layers=2):
        super().__init__()
        self.tok, self.pos = nn.Embedding(vocab, d_model), nn.Embedding(CONTEXT, d_model)
        layer = nn.TransformerEncoderLayer(d_model, n_heads, 4 * d_model, dropout=0.1,
                                           batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(layer, n_layers)
        self.head = nn.Linear(d_model, vocab, bias=False)

    def forward(self, idx):
        T = idx.size(1)
        x = self.tok(idx) + self.pos(torch.arange(T, device=idx.device))
        mask = nn.Transformer.generate_square_subsequent_mask(T, device=idx.device)
        return self.head(self.blocks(x, mask=mask, is_causal=True))


def text_to_token_ids(text):
    return torch.tensor(list(text.encode("utf-8")), dtype=torch.long).unsqueeze(0)


def token_ids_to_text(ids):
    return bytes(ids.squeeze(0).tolist()).decode("utf-8", errors="replace")


@torch.no_grad()
def generate(model, idx, max_new_tokens, top_k=20, temperature=1.0):
    for _ in range(max_new_tokens):
        logits = model(idx[:, -CONTEXT:])[:, -1] / temperature
        kth = torch.topk(logits, top_k).values[:, -1, None]
        logits = logits.masked_fill(logits < kth, float("-inf"))
        idx = torch.cat([idx, torch.multinomial(F.softmax(logits, -1), 1)], dim=1)
    return idx


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
corpus = text_to_token_ids("Every effort moves you forward, one small step at a time. " * 50)[0]
model = TinyGPT().to(device)
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
for step in range(100):
    starts = torch.randint(0, corpus.numel() - CONTEXT - 1, (16,))
    batch = torch.stack([corpus[s:s + CONTEXT + 1] for s in starts]).to(device)
    loss = F.cross_entropy(model(batch[:, :-1]).reshape(-1, 256), batch[:, 1:].reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()

# inference with such a small model is cheap: free the GPU and sample on the CPU
model.to("cpu")
model.eval()
torch.manual_seed(123)
token_ids = generate(model, text_to_token_ids("Every effort moves you"), max_new_tokens=30)
print(token_ids_to_text(token_ids))
