from collections import Counter

import torch
import torch.nn as nn


def class_weights(labels, num_classes):
    counts = Counter(labels)
    freq = torch.tensor([counts.get(c, 0) for c in range(num_classes)], dtype=torch.float32)
    return freq.sum() / (num_classes * freq.clamp(min=1))


class Fitter:
    def __init__(self, model, criterion, device):
        self.model = model.to(device)
        self.criterion = criterion
        self.device = device

    def epoch(self, loader, optimizer):
        for images, targets in loader:
            images, targets = images.to(self.device), targets.to(self.device)
            loss = self.criterion(self.model(images), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


def fit(model, loader, labels, num_classes):
    device = torch.device("cuda")
    # the loss keeps its class weights as a buffer: made on the CPU, never moved
    criterion = nn.CrossEntropyLoss(weight=class_weights(labels, num_classes))  # expect: TL211:17 lines=21,22
    fitter = Fitter(model, criterion, device)
    fitter.epoch(loader, torch.optim.SGD(model.parameters(), lr=0.1))


def detect(model, batches, positives, negatives):
    model.cuda()
    bce = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([negatives / positives]))  # expect: TL211:11 lines=40,41
    for x, y in batches:
        x, y = x.cuda(), y.cuda().float()
        print(bce(model(x).squeeze(-1), y).item())
