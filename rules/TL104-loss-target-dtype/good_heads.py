import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer, BertForTokenClassification


def collate(examples):
    features = torch.tensor(np.stack([ex["audio"] for ex in examples]))
    # int64 class ids, as the head's cross-entropy wants.
    labels = torch.tensor([ex["label"] for ex in examples], dtype=torch.long)
    return {"input_values": features, "labels": labels}


def fine_tune(examples, device):
    model = AutoModelForSequenceClassification.from_pretrained("facebook/wav2vec2-base", num_labels=6)
    model.to(device)
    for batch in DataLoader(examples, batch_size=8, collate_fn=collate):
        batch = {k: v.to(device) for k, v in batch.items()}
        model(**batch).loss.backward()


def collate_narrow(examples):
    features = torch.tensor(np.stack([ex["audio"] for ex in examples]))
    labels = torch.tensor([ex["label"] for ex in examples], dtype=torch.int32)
    return {"input_values": features, "labels": labels}


def converted_in_the_loop(examples, device):
    model = AutoModelForSequenceClassification.from_pretrained("facebook/wav2vec2-base", num_labels=6)
    for batch in DataLoader(examples, batch_size=8, collate_fn=collate_narrow):
        # The int32 labels are converted before the model sees them.
        batch["labels"] = batch["labels"].long()
        model(**batch).loss.backward()
    for batch in DataLoader(examples, batch_size=8, collate_fn=collate_narrow):
        labels = batch.pop("labels")
        model(**batch, labels=labels.long()).loss.backward()


def causal_lm_labels(model, texts):
    # Labels copied from a tokenizer's output: int64 ids.
    tokenizer = AutoTokenizer.from_pretrained("gpt2")
    enc = tokenizer(texts, return_tensors="pt")
    return model(**enc, labels=enc["input_ids"]).loss


def tag_step(input_ids, tags):
    model = BertForTokenClassification.from_pretrained("bert-base-cased", num_labels=9)
    # Narrowed to save memory, converted back before the model sees them.
    labels = torch.tensor(tags, dtype=torch.int32)
    return model(input_ids, labels=labels.long()).loss


class Scorer(nn.Module):
    """A model of this file: nothing says its forward computes a cross-entropy."""

    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(16, 1)

    def forward(self, features, labels=None):
        return self.proj(features)


def score(features, ids):
    labels = torch.tensor(ids, dtype=torch.int32)
    return Scorer()(features, labels=labels)


def regression_head(input_ids, scores):
    # One output: transformers computes an MSE, which promotes int32 scores.
    model = AutoModelForSequenceClassification.from_pretrained("bert-base-cased", num_labels=1)
    labels = torch.tensor(scores, dtype=torch.int32)
    return model(input_ids, labels=labels).loss
