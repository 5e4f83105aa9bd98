import numpy as np
import torch


def rmse(model, loader, device):
    model.eval()
    total, n = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            diff = model(x).squeeze(-1) - y
            total += (diff * diff).sum().item()
            n += y.numel()
    return np.sqrt(total / n)


def count_error(predict, loader, device):
    err = 0.0
    for image, count in loader:
        count = count.to(device)
        err += abs(predict(image) - count.sum()).item()
    return np.asarray(err / len(loader))
