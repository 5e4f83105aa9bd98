# The labels moved to where the predictions are before they are compared.
import torch
import torch.nn as nn


def accuracy(model, loader):
    hits = 0
    for features, labels in loader:
        scores = model(features.cuda())
        _, predicted = torch.max(scores, 1)
        expected = labels.cuda()
        hits += int((predicted == expected).sum())
    return hits


def agreement(model, loader):
    same = 0
    for features, labels in loader:
        predicted = model(features.cuda()).argmax(dim=1)
        same += int(predicted.eq(labels.to(predicted.device)).sum())
    return same


if __name__ == "__main__":
    net = nn.Linear(8, 3).cuda()
    batches = [(torch.rand(4, 8), torch.randint(0, 3, (4,)))]
    print(accuracy(net, batches), agreement(net, batches))
