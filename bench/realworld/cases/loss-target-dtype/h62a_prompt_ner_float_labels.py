# source: https://github.com/YuxingLu613/Prompt-NER-Chinese/issues/1
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target' in call to _thnn_nll_loss_forward
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# bug-lines: 28, 52
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import json

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from transformers import AutoModelForTokenClassification, AutoTokenizer

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
LABEL2ID = {l: i for i, l in enumerate(LABELS)}


def read_char_bio(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]  # {"chars": [...], "tags": [...]}


def make_collate(tokenizer, max_len=128):
    def collate(samples):
        enc = tokenizer([s["chars"] for s in samples], is_split_into_words=True, truncation=True,
                        max_length=max_len, padding=True, return_tensors="pt")
        label_ids = torch.zeros(enc["input_ids"].shape)
        for row, s in enumerate(samples):
            for col, word_idx in enumerate(enc.word_ids(row)):
                label_ids[row, col] = -100 if word_idx is None else LABEL2ID[s["tags"][word_idx]]
        enc["labels"] = label_ids
        return enc
    return collate


def train(train_path, model_name="bert-base-chinese", epochs=3):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = AutoModelForTokenClassification.from_pretrained(model_name, num_labels=len(LABELS)).to(device)
    loader = DataLoader(read_char_bio(train_path), batch_size=16, shuffle=True,
                        collate_fn=make_collate(tokenizer))
    criterion = nn.CrossEntropyLoss(ignore_index=-100)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)

    model.train()
    for epoch in range(epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            label_ids = batch.pop("labels")
            logits = model(**batch).logits
            loss = criterion(logits.view(-1, len(LABELS)), label_ids.view(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    train("data/msra_train.jsonl")
