import torch
from torch import nn


class SpeakerNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.audio = nn.Linear(13, 32)
        self.head = nn.Linear(32, 2)

    def forward(self, mfcc):
        return self.head(torch.relu(self.audio(mfcc)))


class Scorer(nn.Module):
    # Its one part with weights is moved where it is built; the loss beside it has
    # none, so the wrapper, never moved itself, runs on the GPU.
    def __init__(self):
        super().__init__()
        self.model = SpeakerNet().cuda()
        self.loss_fn = nn.CrossEntropyLoss()

    def forward(self, mfcc, labels):
        return self.loss_fn(self.model(mfcc), labels)


def evaluate(batches):
    scorer = Scorer()
    losses = []
    for mfcc, labels in batches:
        losses.append(scorer(mfcc.cuda(), labels.cuda()).item())
    return losses
