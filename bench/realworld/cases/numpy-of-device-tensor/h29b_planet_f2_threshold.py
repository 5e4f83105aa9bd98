# source: https://github.com/fastai/fastai/pull/553
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 22, 23
# needs: torch, torchvision, numpy, scikit-learn
# cpu: no written where torch was not installed; not run
"""Amazon-from-space (Kaggle planet) multi-label validation: pick the F2 threshold."""
import numpy as np
import torch
import torch.nn as nn
from sklearn.metrics import fbeta_score
from torch.utils.data import DataLoader, TensorDataset
from torchvision.models import resnet34

N_LABELS = 17
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def f2_score(preds, targs, thresh=0.2):
    # sklearn wants host arrays
    p = (preds > thresh).numpy().astype(np.int32)
    t = targs.numpy().astype(np.int32)
    return fbeta_score(t, p, beta=2, average="samples")


def best_threshold(preds, targs):
    grid = np.arange(0.05, 0.5, 0.01)
    scores = [f2_score(preds, targs, th) for th in grid]
    i = int(np.argmax(scores))
    return grid[i], scores[i]


def collect_predictions(model, loader):
    model.eval()
    all_preds, all_targs = [], []
    with torch.no_grad():
        for imgs, tags in loader:
            imgs, tags = imgs.to(device), tags.to(device)
            logits = model(imgs)
            all_preds.append(torch.sigmoid(logits))
            all_targs.append(tags)
    return torch.cat(all_preds), torch.cat(all_targs)


def build_model():
    net = resnet34(weights=None)
    net.fc = nn.Linear(net.fc.in_features, N_LABELS)
    return net.to(device)


if __name__ == "__main__":
    x = torch.randn(64, 3, 128, 128)
    y = (torch.rand(64, N_LABELS) > 0.8).float()
    val_dl = DataLoader(TensorDataset(x, y), batch_size=16)
    model = build_model()
    preds, targs = collect_predictions(model, val_dl)
    th, score = best_threshold(preds, targs)
    print(f"best thresh {th:.2f}  f2 {score:.4f}")
