import torch
import torch.nn as nn


class ProbeHead(nn.Module):
    """A linear probe whose width is known only once features arrive."""

    def __init__(self, classes):
        super().__init__()
        self.classes = classes
        self.fc = None

    def forward(self, feats):
        if self.fc is None:
            # made on the CPU at the first forward, after the model was moved
            self.fc = nn.Linear(feats.shape[-1], self.classes)  # expect: TL202:13 lines=36,34
        return self.fc(feats)


class Probe(nn.Module):
    def __init__(self, encoder, classes):
        super().__init__()
        self.encoder = encoder
        self.head = ProbeHead(classes)

    def forward(self, x):
        with torch.no_grad():
            feats = self.encoder(x)
        return self.head(feats)


def fit(encoder, loader):
    device = torch.device("cuda")
    probe = Probe(encoder, 10).to(device)
    for x, y in loader:
        logits = probe(x.to(device))
        loss = nn.functional.cross_entropy(logits, y.to(device))
        loss.backward()
