# source: https://github.com/microsoft/MSMARCO-Question-Answering/pull/6
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: loader-loop, batch-dict, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import json

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class SpanReader(nn.Module):
    def __init__(self, vocab_size=50000, dim=128):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.rnn = nn.LSTM(dim, dim, batch_first=True, bidirectional=True)
        self.start = nn.Linear(2 * dim, 1)
        self.end = nn.Linear(2 * dim, 1)

    def forward(self, passage_ids):
        h, _ = self.rnn(self.emb(passage_ids))
        return self.start(h).squeeze(-1), self.end(h).squeeze(-1)


def best_span(start_probs, end_probs, max_len=15):
    # numpy-only helper: outer product restricted to spans of at most max_len tokens
    scores = np.triu(np.outer(start_probs, end_probs)) - np.triu(np.outer(start_probs, end_probs), k=max_len)
    start, end = np.unravel_index(np.argmax(scores), scores.shape)
    return int(start), int(end)


def predict(model, loader, device):
    model.eval()
    answers = {}
    with torch.no_grad():
        for batch in loader:
            passage = batch["passage_ids"].to(device)
            start_logits, end_logits = model(passage)
            start_probs = torch.softmax(start_logits, dim=-1).cpu().numpy()
            end_probs = torch.softmax(end_logits, dim=-1).cpu().numpy()
            for i, qid in enumerate(batch["query_id"].tolist()):
                s, e = best_span(start_probs[i], end_probs[i])
                answers[qid] = batch["tokens"][i][s:e + 1]
    return answers


def collate(items):
    width = max(len(it["passage_ids"]) for it in items)
    ids = torch.zeros(len(items), width, dtype=torch.long)
    for i, it in enumerate(items):
        ids[i, : len(it["passage_ids"])] = torch.tensor(it["passage_ids"])
    return {
        "passage_ids": ids,
        "query_id": torch.tensor([it["query_id"] for it in items]),
        "tokens": [it["tokens"] for it in items],
    }


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SpanReader()
    model.load_state_dict(torch.load("exp/reader_best.pt", map_location=device))
    model.to(device)
    with open("data/dev_v2.1.tokenized.json") as f:
        dev = json.load(f)
    loader = DataLoader(dev, batch_size=32, collate_fn=collate)
    predictions = predict(model, loader, device)
    with open("exp/dev_predictions.json", "w") as f:
        json.dump({str(k): " ".join(v) for k, v in predictions.items()}, f)
