# source: https://github.com/huggingface/sentence-transformers/issues/496 https://github.com/huggingface/sentence-transformers/issues/322
# error: RuntimeError: Found dtype Long but expected Float
# pattern: loss-target-dtype
# shape: helper, batch-dict, loader-loop
# bug-lines: 30, 49
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import csv

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
encoder = AutoModel.from_pretrained(MODEL_NAME).to(device)


def read_pairs(path):
    with open(path, newline="") as f:
        # columns: question1, question2, is_duplicate (0 or 1)
        return [(r["question1"], r["question2"], int(r["is_duplicate"])) for r in csv.DictReader(f)]


def collate(rows):
    left = tokenizer([r[0] for r in rows], padding=True, truncation=True, return_tensors="pt")
    right = tokenizer([r[1] for r in rows], padding=True, truncation=True, return_tensors="pt")
    labels = torch.tensor([r[2] for r in rows])
    return {"left": left, "right": right, "labels": labels}


def mean_pool(features):
    out = encoder(**features).last_hidden_state
    mask = features["attention_mask"].unsqueeze(-1).float()
    return (out * mask).sum(1) / mask.sum(1).clamp(min=1e-6)


def train(path, epochs=1, lr=2e-5):
    loader = DataLoader(read_pairs(path), batch_size=32, shuffle=True, collate_fn=collate)
    optimizer = torch.optim.AdamW(encoder.parameters(), lr=lr)
    encoder.train()
    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            left = {k: v.to(device) for k, v in batch["left"].items()}
            right = {k: v.to(device) for k, v in batch["right"].items()}
            cos = F.cosine_similarity(mean_pool(left), mean_pool(right))
            loss = F.mse_loss(cos, batch["labels"].to(device))
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    train("quora_duplicates_train.csv")
