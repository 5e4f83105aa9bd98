import numpy as np
import torch


def masks_for_display(model, images, device):
    model.to(device)
    with torch.no_grad():
        labels = model(images.to(device)).argmax(1)
    # np.copy and np.ascontiguousarray make an array of the tensor, as np.asarray does
    first = np.copy(labels[0])  # expect: TL501:13
    rest = np.ascontiguousarray(labels[1:])  # expect: TL501:12
    return first, rest
