# source: https://github.com/pytorch/pytorch/issues/105243
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: helper, batch-dict, loader-loop
# bug-lines: 26
# needs: torch, pandas, numpy, transformers
# cpu: no written where torch was not installed; not run
"""Aggregation-operator classifier for table QA (SUM/COUNT/AVG/NONE): question encoder + numeric column stats."""
import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset
from transformers import AutoModel, AutoTokenizer

AGG_OPS = ["NONE", "SUM", "COUNT", "AVERAGE"]
MAX_COLS = 16


def column_stats(table):
    stats = np.zeros((MAX_COLS, 4))
    for j, col in enumerate(table.columns[:MAX_COLS]):
        values = pd.to_numeric(table[col], errors="coerce").dropna().to_numpy()
        if len(values):
            stats[j] = [values.mean(), values.std(), values.min(), values.max()]
    return torch.from_numpy(np.log1p(np.abs(stats)) * np.sign(stats))


class AggregationDataset(Dataset):
    def __init__(self, frame, tokenizer):
        self.frame = frame.reset_index(drop=True)
        self.tokenizer = tokenizer

    def __len__(self):
        return len(self.frame)

    def __getitem__(self, idx):
        row = self.frame.iloc[idx]
        enc = self.tokenizer(row["question"], padding="max_length", truncation=True, max_length=64, return_tensors="pt")
        return {
            "input_ids": enc["input_ids"][0],
            "attention_mask": enc["attention_mask"][0],
            "col_stats": column_stats(pd.read_csv(row["table_path"])),
            "label": AGG_OPS.index(row["aggregation"]),
        }


class AggregationClassifier(nn.Module):
    def __init__(self, encoder="distilbert-base-uncased"):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(encoder)
        self.num_proj = nn.Sequential(nn.Flatten(), nn.Linear(MAX_COLS * 4, 128), nn.ReLU())
        self.head = nn.Linear(self.encoder.config.hidden_size + 128, len(AGG_OPS))

    def forward(self, input_ids, attention_mask, col_stats):
        q = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state[:, 0]
        return self.head(torch.cat([q, self.num_proj(col_stats)], dim=-1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")
    frame = pd.read_csv("wikisql_train_aggregation.csv")
    loader = DataLoader(AggregationDataset(frame, tokenizer), batch_size=32, shuffle=True)
    model = AggregationClassifier().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        labels = batch.pop("label")
        loss = nn.functional.cross_entropy(model(**batch), labels)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
