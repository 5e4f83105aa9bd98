# source: https://github.com/center-for-humans-and-machines/transformer-heads/issues/22
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# looks-like: inputs-not-moved
# shape: helper, batch-dict, loader-loop
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
from collections import defaultdict

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer, DataCollatorWithPadding


class SentimentHead(nn.Module):
    def __init__(self, backbone_name, num_labels=2):
        super().__init__()
        self.backbone = AutoModel.from_pretrained(backbone_name)
        self.head = nn.Linear(self.backbone.config.hidden_size, num_labels)

    def forward(self, input_ids, attention_mask, labels=None):
        hidden = self.backbone(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        logits = self.head(hidden[:, 0])
        loss = nn.functional.cross_entropy(logits, labels) if labels is not None else None
        return logits, loss


def _to_model_device(batch, model):
    device = next(model.parameters()).device
    return {k: v.to(device) if torch.is_tensor(v) else v for k, v in batch.items()}


@torch.no_grad()
def evaluate_head(model, loader):
    model.eval()
    stats = defaultdict(float)
    for batch in loader:
        batch = _to_model_device(batch, model)
        logits, loss = model(**batch)
        stats["loss"] += loss.item() * len(batch["labels"])
        stats["correct"] += (logits.argmax(-1) == batch["labels"]).sum().item()
        stats["n"] += len(batch["labels"])
    return {"loss": stats["loss"] / stats["n"], "accuracy": stats["correct"] / stats["n"]}


def build_loader(tokenizer, texts, labels, batch_size=32):
    encoded = [dict(tokenizer(t, truncation=True, max_length=128), labels=y) for t, y in zip(texts, labels)]
    return DataLoader(encoded, batch_size=batch_size, collate_fn=DataCollatorWithPadding(tokenizer))


if __name__ == "__main__":
    name = "distilbert-base-uncased"
    tokenizer = AutoTokenizer.from_pretrained(name)
    model = SentimentHead(name).to("cuda" if torch.cuda.is_available() else "cpu")
    texts = ["a wonderful little film", "tedious and far too long", "i would watch it again", "not worth the ticket"]
    loader = build_loader(tokenizer, texts, [1, 0, 1, 0], batch_size=2)
    print(evaluate_head(model, loader))
