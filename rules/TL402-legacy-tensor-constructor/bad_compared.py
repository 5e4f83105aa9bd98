# Comparisons meet their operands as arithmetic does: class indices taken with
# torch.max (values and indices) or argmax on the GPU, compared with labels rebuilt
# by a legacy constructor, which always makes them on the CPU.
import torch
import torch.nn as nn


def accuracy(model, loader):
    hits = 0
    for features, labels in loader:
        scores = model(features.cuda())
        _, predicted = torch.max(scores, 1)
        expected = torch.LongTensor([int(c) for c in labels])  # expect: TL402:20 lines=14
        hits += int((predicted == expected).sum())
    return hits


def agreement(model, loader):
    same = 0
    for features, labels in loader:
        predicted = model(features.cuda()).argmax(dim=1)
        same += int(predicted.eq(torch.LongTensor(labels.tolist())).sum())  # expect: TL402:34 lines=22
    return same


if __name__ == "__main__":
    net = nn.Linear(8, 3).cuda()
    batches = [(torch.rand(4, 8), torch.randint(0, 3, (4,)))]
    print(accuracy(net, batches), agreement(net, batches))
