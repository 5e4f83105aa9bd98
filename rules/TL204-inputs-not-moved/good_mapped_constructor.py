# Each tensor `map` builds is moved to the model's device.
import torch
from torch import nn


class PairClassifier(nn.Module):
    def __init__(self, vocab=30522, dim=128):
        super().__init__()
        self.tokens = nn.Embedding(vocab, dim)
        self.segments = nn.Embedding(2, dim)
        self.head = nn.Linear(dim, 2)

    def forward(self, ids, segments):
        return self.head((self.tokens(ids) + self.segments(segments)).mean(1))


def evaluate(batches, device):
    model = PairClassifier().to(device)
    correct = 0
    for batch in batches:
        ids, segments, labels = (t.to(device) for t in map(torch.LongTensor, zip(*batch)))
        logits = model(ids, segments)
        correct += (logits.argmax(-1) == labels).sum().item()
    return correct
