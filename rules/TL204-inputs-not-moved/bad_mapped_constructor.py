# Tensors built with `map(torch.LongTensor, zip(*batch))`: each is a CPU tensor, and
# the model was moved to the GPU.
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
        ids, segments, labels = map(torch.LongTensor, zip(*batch))
        logits = model(ids, segments)  # expect: TL204:24 lines=22,19; TL204:29 lines=22,19
        correct += (logits.argmax(-1) == labels.to(device)).sum().item()
    return correct
