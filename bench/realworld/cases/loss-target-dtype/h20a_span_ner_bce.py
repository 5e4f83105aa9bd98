# source: https://github.com/ShannonAI/mrc-for-flat-nested-ner/issues/36
# error: RuntimeError: expected backend CUDA and dtype Float but got backend CUDA and dtype Long
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# bug-lines: 22, 54
# needs: torch
# cpu: no written where torch was not installed; not run
import json

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader


def collate_mrc(samples, pad_id=0):
    max_len = max(len(s["input_ids"]) for s in samples)
    batch = {
        "input_ids": torch.full((len(samples), max_len), pad_id, dtype=torch.long),
        "start_labels": torch.zeros(len(samples), max_len, dtype=torch.long),
        "end_labels": torch.zeros(len(samples), max_len, dtype=torch.long),
        "span_labels": torch.zeros(len(samples), max_len, max_len, dtype=torch.long),
    }
    for i, s in enumerate(samples):
        batch["input_ids"][i, : len(s["input_ids"])] = torch.tensor(s["input_ids"])
        for start, end in s["spans"]:
            batch["start_labels"][i, start] = 1
            batch["end_labels"][i, end] = 1
            batch["span_labels"][i, start, end] = 1
    return batch


class QuerySpanTagger(nn.Module):
    def __init__(self, vocab_size, hidden=256):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden, padding_idx=0)
        self.encoder = nn.LSTM(hidden, hidden // 2, batch_first=True, bidirectional=True)
        self.start_outputs = nn.Linear(hidden, 2)
        self.end_outputs = nn.Linear(hidden, 2)
        self.span_scorer = nn.Linear(hidden * 2, 1)

    def forward(self, input_ids):
        h, _ = self.encoder(self.embed(input_ids))
        seq_len = h.size(1)
        pair = torch.cat([h.unsqueeze(2).expand(-1, -1, seq_len, -1),
                          h.unsqueeze(1).expand(-1, seq_len, -1, -1)], dim=-1)
        return self.start_outputs(h), self.end_outputs(h), self.span_scorer(pair).squeeze(-1)


def compute_loss(outputs, batch, w_start=1.0, w_end=1.0, w_span=0.1):
    start_logits, end_logits, span_logits = outputs
    start_loss = F.cross_entropy(start_logits.reshape(-1, 2), batch["start_labels"].reshape(-1))
    end_loss = F.cross_entropy(end_logits.reshape(-1, 2), batch["end_labels"].reshape(-1))
    span_loss = nn.BCEWithLogitsLoss()(span_logits, batch["span_labels"])
    return w_start * start_loss + w_end * end_loss + w_span * span_loss


def train(data_path, vocab_size=21128, epochs=2, device="cuda"):
    with open(data_path, encoding="utf-8") as fh:
        samples = [json.loads(line) for line in fh]
    loader = DataLoader(samples, batch_size=16, shuffle=True, collate_fn=collate_mrc)
    model = QuerySpanTagger(vocab_size).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = compute_loss(model(batch["input_ids"]), batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    train("data/zh_msra/mrc-ner.train.jsonl")
