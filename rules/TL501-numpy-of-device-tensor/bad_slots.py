# Per-image results kept in a list of empty slots, filled by index in a helper:
# the slots hold the model's output rows, still on the device, when a caller
# converts each one to numpy.
import torch


def keep_confident(scores, threshold=0.5):
    kept = [None] * scores.shape[0]
    for i, row in enumerate(scores):
        kept[i] = row[row > threshold]
    return kept


def evaluate(model, images, device):
    model.to(device)
    results = []
    with torch.no_grad():
        scores = model(images.to(device))
    for row in keep_confident(scores):
        results.append(row.numpy())  # expect: TL501:24
    return results
