# source: https://github.com/InfSecLabs/PentestAssistant/issues/12
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: module-cast-not-placed
# shape: class, helper
# looks-like: module-cast-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run

"""Cross-encoder reranker for retrieved report chunks; fp16 only where the device supports it."""
import torch
import torch.nn as nn


class CrossEncoder(nn.Module):
    def __init__(self, vocab_size=30522, hidden=256, n_layers=2):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden, padding_idx=0)
        layer = nn.TransformerEncoderLayer(hidden, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.norm = nn.LayerNorm(hidden)
        self.classifier = nn.Linear(hidden, 1)

    def forward(self, input_ids):
        h = self.encoder(self.embed(input_ids), src_key_padding_mask=input_ids == 0)
        return self.classifier(self.norm(h[:, 0])).squeeze(-1)


class Reranker:
    def __init__(self, model, use_fp16=True, device=None):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.model = model.to(self.device).eval()
        if self.device.type == "cpu":
            use_fp16 = False
        if use_fp16:
            self.model.half()
        self.use_fp16 = use_fp16

    def tokenize_pairs(self, query, passages, max_len=128):
        rows = []
        for passage in passages:
            ids = [101] + [hash(w) % 30000 + 1000 for w in f"{query} [SEP] {passage}".split()]
            rows.append(ids[:max_len])
        width = max(len(r) for r in rows)
        return torch.tensor([r + [0] * (width - len(r)) for r in rows], device=self.device)

    @torch.no_grad()
    def compute_score(self, query, passages, batch_size=16):
        scores = []
        for start in range(0, len(passages), batch_size):
            ids = self.tokenize_pairs(query, passages[start:start + batch_size])
            scores.extend(self.model(ids).float().cpu().tolist())
        return scores


if __name__ == "__main__":
    reranker = Reranker(CrossEncoder(), use_fp16=True)
    chunks = ["Port 22 is open running OpenSSH 7.2.", "The web server leaks its version banner.",
              "Weather in Lisbon is sunny."]
    scores = reranker.compute_score("which services expose version information", chunks)
    for s, c in sorted(zip(scores, chunks), reverse=True):
        print(f"{s:+.3f}  {c}")
