# source: https://github.com/FGA-DIKU/BONSAI/issues/183
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, scikit-learn
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
from sklearn.metrics import average_precision_score, roc_auc_score
from torch import nn
from torch.utils.data import DataLoader, Dataset


class VisitDataset(Dataset):
    def __init__(self, n=2000, seq_len=32, vocab=500):
        g = torch.Generator().manual_seed(0)
        self.codes = torch.randint(1, vocab, (n, seq_len), generator=g)
        self.target = torch.randint(0, 2, (n,), generator=g).float()

    def __len__(self):
        return len(self.target)

    def __getitem__(self, i):
        return {"concept": self.codes[i], "attention_mask": torch.ones_like(self.codes[i]), "target": self.target[i]}


class OutcomeModel(nn.Module):
    def __init__(self, vocab=500, dim=128):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim, mode="mean")
        self.cls = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, 1))

    def forward(self, batch):
        return self.cls(self.emb(batch["concept"])).squeeze(-1)


def to_numpy(t):
    return t.detach().float().cpu().numpy()


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    probas, targets = [], []
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        probas.append(to_numpy(torch.sigmoid(model(batch))))
        targets.append(to_numpy(batch["target"]))
    probas, targets = np.concatenate(probas), np.concatenate(targets)
    return {"roc_auc": roc_auc_score(targets, probas), "pr_auc": average_precision_score(targets, probas)}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = OutcomeModel().to(device)
    print(evaluate(model, DataLoader(VisitDataset(), batch_size=128), device))
