# source: https://github.com/pyg-team/pytorch_geometric/issues/8305
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: helper, loader-loop
# bug-lines: 58, 64
# needs: torch
# cpu: no written where torch was not installed; not run
import zlib
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

LANGS = ["python", "java", "go", "javascript", "ruby", "php"]


def hash_tokens(text, vocab=50000, max_len=64):
    toks = text.replace("(", " ( ").replace(")", " ) ").replace(".", " . ").split()
    ids = [zlib.crc32(t.encode()) % (vocab - 1) + 1 for t in toks][:max_len]
    return ids + [0] * (max_len - len(ids))


class CodeSearchPairs(Dataset):
    def __init__(self, pairs):  # (docstring, code, language)
        self.pairs = pairs

    def __len__(self):
        return len(self.pairs)
    def __getitem__(self, i):
        doc, code, lang = self.pairs[i]
        return torch.tensor(hash_tokens(doc)), torch.tensor(hash_tokens(code)), LANGS.index(lang)


class BagEncoder(nn.Module):
    def __init__(self, vocab=50000, dim=256):
        super().__init__()
        self.embed = nn.EmbeddingBag(vocab, dim, mode="mean", padding_idx=0)
        self.mlp = nn.Sequential(nn.Linear(dim, dim), nn.Tanh())

    def forward(self, ids):
        return self.mlp(self.embed(ids))


class BiEncoder(nn.Module):
    def __init__(self, dim=256):
        super().__init__()
        self.query_enc = BagEncoder(dim=dim)
        self.code_enc = BagEncoder(dim=dim)

    def forward(self, q_ids, c_ids, lang_idx):
        q, c = self.query_enc(q_ids), self.code_enc(c_ids)
        if hasattr(self, "lang_heads"):
            c = torch.stack([self.lang_heads[LANGS[l]](c[i]) for i, l in enumerate(lang_idx.tolist())])
        return F.normalize(q, dim=-1), F.normalize(c, dim=-1)


def attach_language_heads(model, languages, dim=256):
    model.lang_heads = nn.ModuleDict({lang: nn.Linear(dim, dim) for lang in languages})
    return model


def train(pairs, epochs=3, device="cuda"):
    model = BiEncoder().to(device)
    model = attach_language_heads(model, LANGS)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-4)
    loader = DataLoader(CodeSearchPairs(pairs), batch_size=16, shuffle=True, drop_last=True)
    for epoch in range(epochs):
        for q_ids, c_ids, lang_idx in loader:
            q, c = model(q_ids.to(device), c_ids.to(device), lang_idx)
            loss = F.cross_entropy(q @ c.T / 0.05, torch.arange(q.shape[0], device=device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: infonce {loss.item():.4f}")


if __name__ == "__main__":
    fake = [(f"return the {w} of a list", f"def {w}(xs): return sorted(xs)[{i % 3}]", LANGS[i % len(LANGS)])
            for i, w in enumerate(["max", "min", "median", "first", "last", "mode"] * 16)]
    train(fake)
