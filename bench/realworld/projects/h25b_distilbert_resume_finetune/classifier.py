# source: https://github.com/Lightning-AI/pytorch-lightning/issues/19955
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: optimizer-state-before-placement
# shape: class, multi-file
# looks-like: optimizer-state-before-placement
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""DistilBERT encoder + mean-pooled linear head for topic classification."""
import torch
from torch import nn
from transformers import AutoModel, AutoTokenizer

ENCODER = "distilbert-base-uncased"


class TopicClassifier(nn.Module):
    def __init__(self, num_labels, dropout=0.1):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(ENCODER)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(self.encoder.config.hidden_size, num_labels)

    def forward(self, input_ids, attention_mask):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled))


def make_collate(tokenizer, max_length=128):
    def collate(examples):
        enc = tokenizer([e["text"] for e in examples], padding=True, truncation=True,
                        max_length=max_length, return_tensors="pt")
        enc["labels"] = torch.tensor([e["label"] for e in examples])
        return dict(enc)
    return collate


def load_tokenizer():
    return AutoTokenizer.from_pretrained(ENCODER)
