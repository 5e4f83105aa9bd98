import torch


def keep_confident(scores, threshold=0.5):
    # A CPU tensor written through a boolean mask made on the GPU: the store
    # (`index_put_`) refuses an index on another device than the CPU tensor, as
    # reading `keep[mask]` would ('indices should be either on cpu or on the same
    # device as the indexed tensor').
    keep = torch.zeros(scores.shape[0])  # expect: TL204:12 lines=15,10
    keep[scores.sigmoid() > threshold] = 1.0
    return keep


def filter_detections(model, images, device):
    model.to(device)
    with torch.no_grad():
        logits = model(images.to(device)).squeeze(-1)
    return keep_confident(logits)
