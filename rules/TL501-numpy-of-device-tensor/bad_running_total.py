import numpy as np
import torch


def rmse(model, loader, device):
    # The squared errors add up on the device: the number it starts from becomes a
    # tensor on the first pass.
    model.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            diff = model(x).squeeze(-1) - y
            total += (diff * diff).sum()
            n += y.numel()
    return np.sqrt(total / n)  # expect: TL501:12 lines=12


def count_error(predict, loader, device):
    # A prediction of unknown kind minus a tensor on the device is on the device.
    err = 0.0
    for image, count in loader:
        count = count.to(device)
        err += abs(predict(image) - count.sum())
    return np.asarray(err / len(loader))  # expect: TL501:12 lines=23
