# The same numpy calls on tensors brought to the CPU first (numpy hands back a
# tensor there), and reductions such as np.sum, which call the tensor's own method.
import numpy as np
import torch


def predict(classifier, batch):
    with torch.no_grad():
        logits = classifier(batch)
    return logits.cpu()


def accuracy(classifier, loader, device):
    classifier.to(device)
    hits = 0
    for images, labels in loader:
        logits = predict(classifier, images.to(device))
        hits += (np.argmax(logits, axis=1) == labels).sum()
    return hits


def ranking(encoder, queries, device):
    encoder = encoder.to(device)
    sims = encoder(queries.to(device)).detach().cpu().numpy()
    return np.argsort(-sims[0])
