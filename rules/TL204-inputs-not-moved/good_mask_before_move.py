# The attention mask is computed from the token ids after they are moved, so it is
# made where they are; or it is computed before and moved with them.
import torch
from torch import nn
from transformers import AutoModelForSequenceClassification, AutoTokenizer

PAD = 0


class TextClassifier(nn.Module):
    def __init__(self, vocab=30522, dim=128, classes=4):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.head = nn.Linear(dim, classes)

    def forward(self, input_ids, attention_mask):
        weights = attention_mask.unsqueeze(-1).float()
        pooled = (self.embed(input_ids) * weights).sum(1) / weights.sum(1)
        return self.head(pooled)


def collate(input_ids, labels):
    return {"input_ids": input_ids, "attention_mask": input_ids != PAD, "labels": labels}


def train_step(model, optimizer, input_ids, labels, device):
    input_ids = input_ids.to(device)
    labels = labels.to(device)
    batch = collate(input_ids, labels)
    logits = model(batch["input_ids"], batch["attention_mask"])
    loss = nn.functional.cross_entropy(logits, batch["labels"])
    loss.backward()
    optimizer.step()


def classify(texts, device):
    tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
    model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased").to(device)
    ids = tokenizer(texts, padding=True, return_tensors="pt").input_ids
    mask = ids != tokenizer.pad_token_id
    ids, mask = ids.to(device), mask.to(device)
    return model(input_ids=ids, attention_mask=mask).logits


def main():
    device = torch.device("cuda")
    model = TextClassifier().to(device)
    optimizer = torch.optim.AdamW(model.parameters())
    for _ in range(10):
        ids = torch.randint(1, 30522, (16, 64))
        labels = torch.randint(0, 4, (16,))
        train_step(model, optimizer, ids, labels, device)
    return classify(["a review", "another one"], device)
