# source: https://github.com/appvision-ai/fast-bert/issues/152
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, class, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, sklearn
# cpu: no written where torch was not installed; not run
"""Validation pass of a text-classification learner with numpy/sklearn metric functions."""
import numpy as np
import torch
import torch.nn as nn
from sklearn.metrics import f1_score
from torch.utils.data import DataLoader, Dataset


def to_numpy(t):
    return t.detach().cpu().numpy()


def accuracy(y_pred, y_true):
    outputs = np.argmax(to_numpy(y_pred), axis=1)
    return float(np.mean(outputs == to_numpy(y_true)))


def f1_macro(y_pred, y_true):
    return f1_score(to_numpy(y_true), to_numpy(y_pred).argmax(axis=1), average="macro")


class TokenDataset(Dataset):
    def __init__(self, n=800, seq=64, vocab=30522, labels=4):
        self.ids = torch.randint(1, vocab, (n, seq))
        self.labels = torch.randint(0, labels, (n,))

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, i):
        return {"input_ids": self.ids[i], "labels": self.labels[i]}


class Learner:
    def __init__(self, model, val_loader, metrics, device):
        self.model = model.to(device)
        self.val_loader = val_loader
        self.metrics = metrics
        self.device = device

    @torch.no_grad()
    def validate(self):
        self.model.eval()
        all_logits, all_labels = [], []
        for batch in self.val_loader:
            batch = {k: v.to(self.device) for k, v in batch.items()}
            all_logits.append(self.model(batch["input_ids"]))
            all_labels.append(batch["labels"])
        all_logits, all_labels = torch.cat(all_logits), torch.cat(all_labels)
        return {m["name"]: m["function"](all_logits, all_labels) for m in self.metrics}


if __name__ == "__main__":
    model = nn.Sequential(nn.EmbeddingBag(30522, 128), nn.Linear(128, 4))
    learner = Learner(model, DataLoader(TokenDataset(), batch_size=32),
                      [{"name": "accuracy", "function": accuracy}, {"name": "f1_macro", "function": f1_macro}],
                      torch.device("cuda"))
    print(learner.validate())
