# source: https://github.com/ShannonAI/mrc-for-flat-nested-ner/issues/36
# error: RuntimeError: expected backend CUDA and dtype Float but got backend CUDA and dtype Long
# pattern: loss-target-dtype
# shape: class, loader-loop, batch-dict
# looks-like: loss-target-dtype
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import json

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer


class BertQueryNER(nn.Module):
    def __init__(self, bert_path, weight_start=1.0, weight_end=1.0, weight_span=0.1):
        super().__init__()
        self.bert = AutoModel.from_pretrained(bert_path)
        hidden = self.bert.config.hidden_size
        self.start_outputs = nn.Linear(hidden, 2)
        self.end_outputs = nn.Linear(hidden, 2)
        self.span_embedding = nn.Sequential(nn.Linear(hidden * 2, hidden), nn.GELU(), nn.Linear(hidden, 1))
        self.loss_w = (weight_start, weight_end, weight_span)

    def forward(self, input_ids, attention_mask, start_positions=None, end_positions=None,
                span_positions=None):
        seq = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        batch_size, seq_len, _ = seq.shape
        start_logits, end_logits = self.start_outputs(seq), self.end_outputs(seq)
        span_matrix = torch.cat([seq.unsqueeze(2).expand(-1, -1, seq_len, -1),
                                 seq.unsqueeze(1).expand(-1, seq_len, -1, -1)], dim=-1)
        span_logits = self.span_embedding(span_matrix).squeeze(-1)
        if start_positions is None:
            return start_logits.argmax(-1), end_logits.argmax(-1), torch.sigmoid(span_logits)
        ce = nn.CrossEntropyLoss()
        start_loss = ce(start_logits.view(-1, 2), start_positions.view(-1))
        end_loss = ce(end_logits.view(-1, 2), end_positions.view(-1))
        span_loss = nn.BCEWithLogitsLoss()(span_logits.view(batch_size, -1),
                                           span_positions.view(batch_size, -1).float())
        ws, we, wsp = self.loss_w
        return ws * start_loss + we * end_loss + wsp * span_loss


def make_collate(tokenizer, max_len=128):
    def collate(samples):
        enc = tokenizer([s["query"] for s in samples], [s["context"] for s in samples],
                        truncation="only_second", max_length=max_len, padding=True, return_tensors="pt")
        n, length = enc["input_ids"].shape
        start = torch.zeros(n, length, dtype=torch.long)
        end = torch.zeros(n, length, dtype=torch.long)
        span = torch.zeros(n, length, length, dtype=torch.long)
        for i, s in enumerate(samples):
            for a, b in s["token_spans"]:
                if b < length:
                    start[i, a], end[i, b], span[i, a, b] = 1, 1, 1
        return {"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"],
                "start_positions": start, "end_positions": end, "span_positions": span}
    return collate


def train(samples, bert_path="bert-base-chinese", epochs=2):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(bert_path)
    model = BertQueryNER(bert_path).to(device)
    loader = DataLoader(samples, batch_size=8, shuffle=True, collate_fn=make_collate(tokenizer))
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
    for epoch in range(epochs):
        for batch in loader:
            loss = model(**{k: v.to(device) for k, v in batch.items()})
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    with open("data/zh_msra/mrc-ner.train.json", encoding="utf-8") as fh:
        train(json.load(fh))
