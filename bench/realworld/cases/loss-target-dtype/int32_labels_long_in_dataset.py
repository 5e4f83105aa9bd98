# source: https://github.com/dumitrescustefan/Romanian-Transformers/pull/6
# error: RuntimeError: Expected object of scalar type Long but got scalar type Int for argument #2 'target'
# pattern: loss-target-dtype
# shape: class, batch-dict, loader-loop
# looks-like: loss-target-dtype
# cpu: clean
# needs: numpy, torch

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class NewsDataset(Dataset):
    def __init__(self, n=64, seq_len=12, vocab=500, n_classes=4, n_tags=6, seed=0):
        rng = np.random.default_rng(seed)
        self.ids = rng.integers(1, vocab, size=(n, seq_len)).astype(np.int32)
        self.labels = rng.integers(0, n_classes, size=n).astype(np.int32)
        self.tags = (rng.random((n, n_tags)) > 0.7).astype(np.int32)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return {
            "input_ids": torch.from_numpy(self.ids[i]).long(),
            "label": torch.tensor(self.labels[i], dtype=torch.long),
            "tags": torch.from_numpy(self.tags[i]).float(),
        }


class Classifier(nn.Module):
    def __init__(self, vocab=500, dim=32, n_classes=4, n_tags=6):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)
        self.cls = nn.Linear(dim, n_classes)
        self.tag = nn.Linear(dim, n_tags)

    def forward(self, input_ids):
        h = self.emb(input_ids)
        return self.cls(h), self.tag(h)


device = "cuda" if torch.cuda.is_available() else "cpu"
model = Classifier().to(device)
ce, bce = nn.CrossEntropyLoss(), nn.BCEWithLogitsLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

for batch in DataLoader(NewsDataset(), batch_size=8, shuffle=True):
    batch = {k: v.to(device) for k, v in batch.items()}
    logits, tag_logits = model(batch["input_ids"])
    loss = ce(logits, batch["label"]) + bce(tag_logits, batch["tags"])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(loss.item())
