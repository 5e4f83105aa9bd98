# A loader handed in gives dict batches; the step moves the images but not the
# segment ids, which an embedding of the placed model reads.
import torch
from torch import nn


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3)
        self.segments = nn.Embedding(8, 16)
        self.head = nn.Linear(16, 4)

    def forward(self, images, segment_ids):
        feats = self.conv(images).mean((2, 3))
        return self.head(feats + self.segments(segment_ids))


def evaluate(loader, device):
    net = Tagger().to(device)
    correct = 0
    for batch in loader:
        images = batch["images"].to(device)
        segment_ids = batch["segment_ids"]
        logits = net(images, segment_ids)  # expect: TL204:30 lines=24,20
        correct += (logits.argmax(1).cpu() == batch["labels"]).sum().item()
    return correct
