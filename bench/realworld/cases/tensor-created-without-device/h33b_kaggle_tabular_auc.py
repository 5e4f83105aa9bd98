# source: https://github.com/fastai/fastai/issues/1939
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# bug-lines: 26, 27
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def roc_curve(scores, targets):
    targets = targets == 1
    order = torch.flip(scores.argsort(-1), [-1])
    scores, targets = scores[order], targets[order]
    distinct = torch.nonzero(scores[1:] - scores[:-1]).transpose(0, 1)[0]
    last = torch.tensor([len(targets) - 1], device=targets.device)
    threshold_idxs = torch.cat((distinct, last))
    tps = torch.cumsum(targets.long(), dim=-1)[threshold_idxs]
    fps = 1 + threshold_idxs - tps
    if tps[0] != 0 or fps[0] != 0:
        fps = torch.cat((torch.zeros(1, dtype=torch.long), fps))
        tps = torch.cat((torch.zeros(1, dtype=torch.long), tps))
    return fps.float() / fps[-1], tps.float() / tps[-1]


def auc_roc_score(scores, targets):
    fpr, tpr = roc_curve(scores, targets)
    widths = fpr[1:] - fpr[:-1]
    heights = (tpr[:-1] + tpr[1:]) / 2
    return (widths * heights).sum().item()


def make_net(n_features):
    return nn.Sequential(nn.Linear(n_features, 128), nn.ReLU(), nn.BatchNorm1d(128), nn.Linear(128, 1))


def validate(net, loader):
    net.eval()
    all_scores, all_targets = [], []
    with torch.no_grad():
        for xb, yb in loader:
            xb, yb = xb.to(DEVICE), yb.to(DEVICE)
            all_scores.append(torch.sigmoid(net(xb)).squeeze(1))
            all_targets.append(yb)
    return auc_roc_score(torch.cat(all_scores), torch.cat(all_targets))


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5000, 20)).astype(np.float32)
    y = (X[:, 0] + 0.5 * rng.normal(size=5000) > 0).astype(np.int64)
    train_dl = DataLoader(TensorDataset(torch.from_numpy(X[:4000]), torch.from_numpy(y[:4000])), batch_size=256, shuffle=True)
    valid_dl = DataLoader(TensorDataset(torch.from_numpy(X[4000:]), torch.from_numpy(y[4000:])), batch_size=512)
    net = make_net(20).to(DEVICE)
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3)
    loss_fn = nn.BCEWithLogitsLoss()
    for epoch in range(3):
        net.train()
        for xb, yb in train_dl:
            xb, yb = xb.to(DEVICE), yb.to(DEVICE).float()
            loss = loss_fn(net(xb).squeeze(1), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} valid auc {validate(net, valid_dl):.4f}")
