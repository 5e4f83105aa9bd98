# source: https://github.com/rasbt/machine-learning-book/issues/192
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop, helper
# looks-like: loss-target-dtype
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
VOCAB_SIZE = 5000
MAX_LEN = 32


def encode(text):
    ids = [sum(map(ord, tok)) % (VOCAB_SIZE - 1) + 1 for tok in text.lower().split()][:MAX_LEN]
    mask = [1] * len(ids) + [0] * (MAX_LEN - len(ids))
    return ids + [0] * (MAX_LEN - len(ids)), mask


class ReviewDataset(Dataset):
    def __init__(self, reviews, sentiment):
        self.reviews = reviews
        self.sentiment = sentiment

    def __len__(self):
        return len(self.reviews)

    def __getitem__(self, idx):
        ids, mask = encode(self.reviews[idx])
        return {
            "input_ids": torch.tensor(ids),
            "attention_mask": torch.tensor(mask),
            "labels": torch.tensor(self.sentiment[idx], dtype=torch.long),
        }


def compute_loss(logits, labels):
    return F.cross_entropy(logits, labels)


class ReviewClassifier(nn.Module):
    def __init__(self, dim=64, num_labels=2):
        super().__init__()
        self.embed = nn.Embedding(VOCAB_SIZE, dim)
        self.head = nn.Linear(dim, num_labels)

    def forward(self, input_ids, attention_mask):
        h = self.embed(input_ids) * attention_mask.unsqueeze(-1)
        return self.head(h.sum(1) / attention_mask.sum(1, keepdim=True).clamp(min=1))


reviews = np.array(["great movie loved it", "terrible plot and acting", "fine", "would watch again"] * 8)
sentiment = np.array([1, 0, 1, 1] * 8, dtype=np.int32)
train_loader = DataLoader(ReviewDataset(reviews, sentiment), batch_size=8, shuffle=True)

model = ReviewClassifier().to(DEVICE)
optimizer = torch.optim.Adam(model.parameters(), lr=5e-5)
for epoch in range(2):
    model.train()
    for batch in train_loader:
        input_ids = batch["input_ids"].to(DEVICE)
        attention_mask = batch["attention_mask"].to(DEVICE)
        labels = batch["labels"].to(DEVICE)
        logits = model(input_ids, attention_mask=attention_mask)
        loss = compute_loss(logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
