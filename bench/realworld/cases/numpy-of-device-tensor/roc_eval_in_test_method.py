# source: https://github.com/samet-akcay/ganomaly/issues/26
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper, loader-loop
# bug-lines: 15, 16, 53
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def roc(labels, scores):
    labels = np.asarray(labels)
    scores = np.asarray(scores)
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    n_pos = labels.sum()
    n_neg = len(labels) - n_pos
    return float((ranks[labels == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def evaluate(labels, scores, metric="roc"):
    if metric == "roc":
        return roc(labels, scores)
    raise NotImplementedError(metric)


class Ganomaly:
    def __init__(self, opt):
        self.opt = opt
        self.device = torch.device("cuda:0" if opt["gpu_ids"] and torch.cuda.is_available() else "cpu")
        self.netg = nn.Sequential(nn.Linear(16, 4), nn.ReLU(), nn.Linear(4, 16)).to(self.device)
        self.encoder = nn.Linear(16, 4).to(self.device)

    def test(self, loader):
        n = len(loader.dataset)
        self.an_scores = torch.zeros(n, dtype=torch.float32, device=self.device)
        self.gt_labels = torch.zeros(n, dtype=torch.long, device=self.device)
        self.netg.eval()
        with torch.no_grad():
            for i, (x, y) in enumerate(loader):
                x = x.to(self.device)
                fake = self.netg(x)
                latent_i, latent_o = self.encoder(x), self.encoder(fake)
                error = torch.mean((latent_i - latent_o) ** 2, dim=1)
                start = i * self.opt["batchsize"]
                self.an_scores[start:start + error.size(0)] = error
                self.gt_labels[start:start + error.size(0)] = y.to(self.device)
        self.an_scores = (self.an_scores - self.an_scores.min()) / (self.an_scores.max() - self.an_scores.min())
        auc = evaluate(self.gt_labels, self.an_scores, metric=self.opt["metric"])
        return {"AUC": auc}


if __name__ == "__main__":
    opt = {"gpu_ids": [0], "batchsize": 8, "metric": "roc"}
    x = torch.randn(40, 16)
    y = (torch.arange(40) % 4 == 0).long()
    loader = DataLoader(TensorDataset(x, y), batch_size=opt["batchsize"])
    print(Ganomaly(opt).test(loader))
