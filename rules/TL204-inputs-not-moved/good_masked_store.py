import torch


def keep_confident(scores, threshold=0.5):
    # The weights are made where the scores are: the masked store stays on one device.
    keep = torch.zeros(scores.shape[0], device=scores.device)
    keep[scores.sigmoid() > threshold] = 1.0
    # A mask brought to the CPU may index a CPU tensor.
    counts = torch.zeros(scores.shape[0])
    counts[(scores > 0).cpu()] += 1
    return keep, counts


def filter_detections(model, images, device):
    model.to(device)
    with torch.no_grad():
        logits = model(images.to(device)).squeeze(-1)
    return keep_confident(logits)
