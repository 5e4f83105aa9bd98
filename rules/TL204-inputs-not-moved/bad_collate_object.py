# The loader's collate function is an object whose __call__ pads the texts and builds
# the labels on the CPU; the labels popped out of the batch are never moved, and the
# comparison with the GPU logits fails.
import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer


class PadCollator:
    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, rows):
        enc = self.tokenizer([r["text"] for r in rows], padding=True, return_tensors="pt")
        labels = torch.tensor([r["label"] for r in rows])
        return {"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"], "labels": labels}


def accuracy(model, rows, tokenizer, device):
    hits = 0
    for batch in DataLoader(rows, batch_size=8, collate_fn=PadCollator(tokenizer)):
        labels = batch.pop("labels")
        batch = {k: v.to(device) for k, v in batch.items()}
        logits = model(**batch).logits
        hits += (logits.argmax(-1) == labels).sum().item()  # expect: TL204:18 lines=15,31
    return hits / len(rows)


device = torch.device("cuda")
tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")
model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased").to(device)
print(accuracy(model, [{"text": "fine", "label": 1}], tokenizer, device))
