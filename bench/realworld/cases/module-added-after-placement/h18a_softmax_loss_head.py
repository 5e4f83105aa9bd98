# source: https://github.com/huggingface/sentence-transformers/pull/2378
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: class, loader-loop, batch-dict
# bug-lines: 39, 46, 52
# needs: torch, transformers
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer


class SentenceEncoder(nn.Module):
    """Mean-pooled transformer encoder; places itself on the best device when built."""

    def __init__(self, name, device=None):
        super().__init__()
        self.tokenizer = AutoTokenizer.from_pretrained(name)
        self.backbone = AutoModel.from_pretrained(name)
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.to(self.device)

    def embedding_dim(self):
        return self.backbone.config.hidden_size

    def forward(self, texts):
        enc = self.tokenizer(texts, padding=True, truncation=True, return_tensors="pt").to(self.device)
        hidden = self.backbone(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).float()
        return (hidden * mask).sum(1) / mask.sum(1)


class SoftmaxLoss(nn.Module):
    def __init__(self, model, num_labels):
        super().__init__()
        self.model = model
        self.classifier = nn.Linear(3 * model.embedding_dim(), num_labels)
        self.loss_fct = nn.CrossEntropyLoss()

    def forward(self, batch):
        u = self.model(batch["premise"])
        v = self.model(batch["hypothesis"])
        features = torch.cat([u, v, torch.abs(u - v)], dim=1)
        logits = self.classifier(features)
        return self.loss_fct(logits, batch["label"].to(logits.device))


def train_nli(pairs, model_name="bert-base-uncased", epochs=1):
    encoder = SentenceEncoder(model_name)
    train_loss = SoftmaxLoss(encoder, num_labels=3)
    optimizer = torch.optim.AdamW(train_loss.parameters(), lr=2e-5)
    loader = DataLoader(pairs, batch_size=16, shuffle=True)
    for _ in range(epochs):
        for batch in loader:
            loss = train_loss(batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return encoder


if __name__ == "__main__":
    data = [
        {"premise": "A man plays guitar.", "hypothesis": "Someone makes music.", "label": 0},
        {"premise": "A dog runs outside.", "hypothesis": "A cat sleeps indoors.", "label": 2},
    ] * 64
    train_nli(data)
