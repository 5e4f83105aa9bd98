import numpy as np
import torch


def masks_for_display(model, images, device):
    model.to(device)
    with torch.no_grad():
        labels = model(images.to(device)).argmax(1).cpu()
    first = np.copy(labels[0])
    rest = np.ascontiguousarray(labels[1:])
    return first, rest


def copies_of_arrays(frames):
    # arrays stay arrays
    return np.copy(frames[0]), np.ascontiguousarray(np.stack(frames))
