# source: https://github.com/modelscope/mcore-bridge/pull/115
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 35, 44
# needs: torch
# cpu: no written where torch was not installed; not run

"""Pointwise generative reranker: relevance = logit("yes") - logit("no") at the last token."""
import torch
import torch.nn as nn


class TinyDecoder(nn.Module):
    def __init__(self, vocab_size=32000, hidden=512):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden)
        self.rnn = nn.GRU(hidden, hidden, batch_first=True)
        self.lm_head = nn.Linear(hidden, vocab_size, bias=False)

    def forward(self, input_ids):
        hidden, _ = self.rnn(self.embed(input_ids))
        return hidden


class GenerativeReranker(nn.Module):
    def __init__(self, decoder, yes_token_id, no_token_id):
        super().__init__()
        self.decoder = decoder
        self.yes_token_id = yes_token_id
        self.no_token_id = no_token_id

    def _build_reranker_cache(self):
        # built lazily on the first forward, i.e. after the model was moved to the GPU
        token_ids = torch.tensor([self.yes_token_id, self.no_token_id], dtype=torch.long)
        self.register_buffer("_reranker_token_ids", token_ids, persistent=False)

    def forward(self, input_ids, attention_mask):
        if not hasattr(self, "_reranker_token_ids"):
            self._build_reranker_cache()
        hidden = self.decoder(input_ids)
        last = attention_mask.sum(dim=1) - 1
        h_last = hidden[torch.arange(hidden.size(0), device=hidden.device), last]
        weight = torch.index_select(self.decoder.lm_head.weight, 0, self._reranker_token_ids)
        logits = h_last @ weight.t()
        return logits[:, 0] - logits[:, 1]


def encode_pairs(query, passages, max_len=64):
    # stand-in for the tokenizer: hash words of "query: ... document: ..." into ids
    rows = []
    for passage in passages:
        words = f"query: {query} document: {passage} relevant:".split()[:max_len]
        rows.append([hash(w) % 31999 + 1 for w in words])
    width = max(len(r) for r in rows)
    input_ids = torch.tensor([r + [0] * (width - len(r)) for r in rows])
    attention_mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
    return input_ids, attention_mask


@torch.no_grad()
def rerank(model, query, passages, device, top_k=3):
    input_ids, attention_mask = encode_pairs(query, passages)
    scores = model(input_ids.to(device), attention_mask.to(device))
    order = scores.argsort(descending=True)[:top_k].tolist()
    return [(passages[i], scores[i].item()) for i in order]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    reranker = GenerativeReranker(TinyDecoder(), yes_token_id=9891, no_token_id=2201).to(device).eval()
    docs = ["BM25 is a bag-of-words ranking function.", "Cats sleep a lot.",
            "Cross-encoders jointly encode the query and document."]
    for text, score in rerank(reranker, "how do neural rerankers score documents", docs, device):
        print(f"{score:+.3f}  {text}")
