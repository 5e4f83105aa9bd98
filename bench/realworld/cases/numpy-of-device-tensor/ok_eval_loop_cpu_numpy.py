# source: https://github.com/psywaves/EVCF/issues/1
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def ndcg_at_k(scores, heldout, k=10):
    topk = np.argsort(-scores, axis=1)[:, :k]
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    dcg = (np.take_along_axis(heldout, topk, axis=1) * discounts).sum(axis=1)
    ideal = np.array([discounts[:min(int(n), k)].sum() for n in heldout.sum(axis=1)])
    return float(np.mean(dcg / np.maximum(ideal, 1e-8)))


def evaluate(model, loader, device):
    model.eval()
    all_scores, all_heldout = [], []
    with torch.no_grad():
        for x, heldout in loader:
            x = x.to(device)
            pred_val = model(x)
            pred_val[x > 0] = -np.inf
            all_scores.append(pred_val.detach().cpu().numpy())
            all_heldout.append(heldout.numpy())
    return ndcg_at_k(np.concatenate(all_scores), np.concatenate(all_heldout))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    n_items = 50
    model = nn.Sequential(nn.Linear(n_items, 16), nn.Tanh(), nn.Linear(16, n_items)).to(device)
    x = (torch.rand(32, n_items) > 0.8).float()
    heldout = ((torch.rand(32, n_items) > 0.9) & (x == 0)).float()
    print(evaluate(model, DataLoader(TensorDataset(x, heldout), batch_size=8), device))
