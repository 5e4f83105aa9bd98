import torch
import torch.nn as nn
import torch.nn.functional as F


class Encoder(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.proj = nn.Linear(width, width)

    def _normed(self, h):
        # a norm made in a helper of forward, at every call: never an attribute
        return nn.LayerNorm(h.shape[-1])(h)  # expect: TL211:16 lines=47,13

    def forward(self, h):
        return self._normed(F.gelu(self.proj(h)))


class ResidualHead(nn.Module):
    def __init__(self, width, classes):
        super().__init__()
        self.encoder = Encoder(width)
        self.skip = nn.Linear(width, width)
        self.classes = classes

    def forward(self, h):
        h = self.skip(h)
        logits = nn.Linear(h.shape[-1], self.classes)(h)  # expect: TL211:18 lines=47,28
        return logits + self.encoder(h).mean()


class Trainer:
    def __init__(self, model, lr=1e-3):
        self.model = model
        self.opt = torch.optim.AdamW(model.parameters(), lr=lr)

    def step(self, features, labels):
        loss = F.cross_entropy(self.model(features), labels)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss.item()


def train(loader, epochs=3):
    head = ResidualHead(256, 10)
    head.cuda()
    trainer = Trainer(head)
    for _ in range(epochs):
        for features, labels in loader:
            trainer.step(features.cuda(), labels.cuda())
