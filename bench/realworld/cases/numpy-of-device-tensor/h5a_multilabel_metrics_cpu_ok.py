# source: https://github.com/appvision-ai/fast-bert/pull/159
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def to_numpy(t):
    return t.detach().cpu().numpy()


def accuracy(y_pred, y_true):
    preds = np.argmax(to_numpy(y_pred), axis=1)
    return float((preds == to_numpy(y_true)).mean())


def accuracy_thresh(y_pred, y_true, thresh=0.5, sigmoid=True):
    if sigmoid:
        y_pred = y_pred.sigmoid()
    hits = (y_pred > thresh) == y_true.bool()
    return hits.float().mean().item()


def evaluate(model, loader, device):
    model.eval()
    all_logits, all_labels = [], []
    with torch.no_grad():
        for x, y in loader:
            logits = model(x.to(device))
            all_logits.append(logits)
            all_labels.append(y.to(device))
    logits = torch.cat(all_logits)
    labels = torch.cat(all_labels)
    one_hot = torch.nn.functional.one_hot(labels, logits.shape[1])
    return {"accuracy": accuracy(logits, labels),
            "accuracy_thresh": accuracy_thresh(logits, one_hot),
            "probs": np.round(to_numpy(logits.softmax(-1)), 3)[:2]}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 5)).to(device)
    data = TensorDataset(torch.randn(200, 32), torch.randint(0, 5, (200,)))
    print(evaluate(model, DataLoader(data, batch_size=32), device))
