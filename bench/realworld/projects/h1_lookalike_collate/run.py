# source: https://github.com/schen149/sub-sentence-encoder/issues/1
# error: none (correct version of the shape)
# pattern: inputs-not-moved
# shape: helper, loader-loop, batch-dict, multi-file
# looks-like: inputs-not-moved
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from batching import build_loader, move_to_device


class SpanClassifier(nn.Module):
    def __init__(self, vocab=60, dim=32):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.rnn = nn.GRU(dim, dim, batch_first=True)
        self.cls = nn.Linear(dim, 2)

    def forward(self, input_ids, attention_mask, span_masks):
        hidden, _ = self.rnn(self.emb(input_ids))
        weights = span_masks * attention_mask
        pooled = (weights.unsqueeze(-1) * hidden).sum(1) / weights.sum(1, keepdim=True).clamp(min=1.0)
        return self.cls(pooled)


def run_epoch(model, loader, device, optimizer=None):
    preds, golds = [], []
    for batch in loader:
        batch = move_to_device(batch, device)
        logits = model(**batch["inputs"], span_masks=batch["span_masks"])
        loss = F.cross_entropy(logits, batch["labels"])
        if optimizer is not None:
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        preds.append(logits.argmax(-1).cpu().numpy())
        golds.append(batch["labels"].cpu().numpy())
    return float(np.mean(np.concatenate(preds) == np.concatenate(golds)))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SpanClassifier().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    loader = build_loader()
    for epoch in range(3):
        model.train()
        acc = run_epoch(model, loader, device, optimizer)
        print("epoch", epoch, "train acc", acc)
