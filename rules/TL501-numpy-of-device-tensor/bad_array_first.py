# numpy's argmax, sort, clip, cumsum, ... first try the tensor's own method with
# numpy's arguments (axis=, out=), which torch refuses, then make an array of it:
# scores still on the GPU fail there as `.numpy()` does.
import numpy as np
import torch


def predict(classifier, batch):
    with torch.no_grad():
        logits = classifier(batch)
    return logits


def accuracy(classifier, loader, device):
    classifier.to(device)
    hits = 0
    for images, labels in loader:
        logits = predict(classifier, images.to(device))
        hits += (np.argmax(logits, axis=1) == labels.numpy()).sum()  # expect: TL501:18
    return hits


def ranking(encoder, queries, device):
    encoder = encoder.to(device)
    sims = encoder(queries.to(device))
    return np.argsort(-sims[0])  # expect: TL501:12
