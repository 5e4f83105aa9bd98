# source: https://github.com/huggingface/sentence-transformers/issues/1444
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop, helper
# bug-lines: 39, 70
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import json
import sys

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset
from transformers import AutoModel, AutoTokenizer


class RatedPairs(Dataset):
    """jsonl rows: prompt, chosen, rejected and the 1-10 judge rating of each answer."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.rows = [json.loads(line) for line in f]

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, idx):
        return self.rows[idx]


def make_collate(tokenizer, max_len=512):
    def encode(texts):
        return tokenizer(texts, padding=True, truncation=True, max_length=max_len, return_tensors="pt")

    def collate(rows):
        return {
            "chosen": encode([r["prompt"] + r["chosen"] for r in rows]),
            "rejected": encode([r["prompt"] + r["rejected"] for r in rows]),
            "margin": torch.tensor([r["chosen_rating"] - r["rejected_rating"] for r in rows]),
        }

    return collate


class ScalarRewardModel(nn.Module):
    def __init__(self, name):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(name)
        self.score = nn.Linear(self.encoder.config.hidden_size, 1)

    def forward(self, enc):
        hidden = self.encoder(**enc).last_hidden_state[:, 0]
        return self.score(hidden).squeeze(-1)


def train(data_path, model_name="microsoft/deberta-v3-base", epochs=1):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = ScalarRewardModel(model_name).to(device)
    loader = DataLoader(RatedPairs(data_path), 8, shuffle=True, collate_fn=make_collate(tokenizer))
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5)
    loss_fn = nn.MSELoss()

    model.train()
    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            chosen = {k: v.to(device) for k, v in batch["chosen"].items()}
            rejected = {k: v.to(device) for k, v in batch["rejected"].items()}
            pred_margin = model(chosen) - model(rejected)
            loss = loss_fn(pred_margin, batch["margin"].to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
    torch.save(model.state_dict(), "reward_model.pt")


if __name__ == "__main__":
    train(sys.argv[1])
