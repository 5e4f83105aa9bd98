# source: https://github.com/huggingface/sentence-transformers/issues/3326
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# looks-like: loss-target-dtype
# shape: batch-dict, loader-loop, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Fine-tune a cross-encoder reranker on (query, passage, 0/1) pairs with BCE-with-logits."""
import csv

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer

MODEL = "cross-encoder/ms-marco-MiniLM-L6-v2"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=1).to(device)


def read_pairs(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [(q, p, int(label)) for q, p, label in csv.reader(f, delimiter="\t")]


def collate(rows):
    enc = tokenizer([r[0] for r in rows], [r[1] for r in rows], padding=True,
                    truncation=True, max_length=256, return_tensors="pt")
    enc["labels"] = torch.tensor([r[2] for r in rows], dtype=torch.float)
    return enc


loader = DataLoader(read_pairs("msmarco_pairs.tsv"), batch_size=32, shuffle=True, collate_fn=collate)
loss_fct = torch.nn.BCEWithLogitsLoss()
optimizer = torch.optim.AdamW(model.parameters(), lr=7e-6)

model.train()
for step, batch in enumerate(loader):
    batch = {k: v.to(device) for k, v in batch.items()}
    labels = batch.pop("labels")
    logits = model(**batch).logits.view(-1)
    loss = loss_fct(logits, labels)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    if step % 200 == 0:
        print(step, loss.item())

model.save_pretrained("output/ce-reranker")
