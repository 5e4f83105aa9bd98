# source: https://github.com/project-lighter/lighter/pull/162
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class, loader-loop, batch-dict
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

CLAUSE_TYPES = ["indemnity", "termination", "governing_law", "confidentiality", "assignment", "other"]


class MulticlassHits(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.register_buffer("tp", torch.zeros(num_classes))
        self.register_buffer("support", torch.zeros(num_classes))

    def update(self, preds, target):
        hits = (preds == target).float()
        self.tp.index_add_(0, target, hits)
        self.support.index_add_(0, target, torch.ones_like(hits))

    def compute(self):
        return (self.tp / self.support.clamp(min=1)).mean().item()


class ClauseClassifier(nn.Module):
    def __init__(self, vocab_size=30000, dim=128):
        super().__init__()
        self.embed = nn.EmbeddingBag(vocab_size, dim)
        self.out = nn.Linear(dim, len(CLAUSE_TYPES))
        self.metrics = nn.ModuleDict({
            "train_recall": MulticlassHits(len(CLAUSE_TYPES)),
            "val_recall": MulticlassHits(len(CLAUSE_TYPES)),
        })

    def forward(self, token_ids):
        return self.out(self.embed(token_ids))

    def step(self, batch, mode):
        logits = self(batch["token_ids"])
        self.metrics[f"{mode}_recall"].update(logits.argmax(-1), batch["label"])
        return F.cross_entropy(logits, batch["label"])


def run(device=torch.device("cuda")):
    model = ClauseClassifier().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3)
    ds = TensorDataset(torch.randint(0, 30000, (400, 64)), torch.randint(0, len(CLAUSE_TYPES), (400,)))
    for token_ids, label in DataLoader(ds, batch_size=16, shuffle=True):
        batch = {"token_ids": token_ids.to(device), "label": label.to(device)}
        loss = model.step(batch, "train")
        opt.zero_grad()
        loss.backward()
        opt.step()
    print({name: m.compute() for name, m in model.metrics.items()})


if __name__ == "__main__":
    run()
