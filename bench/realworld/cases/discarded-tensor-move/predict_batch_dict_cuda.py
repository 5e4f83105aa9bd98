# source: https://github.com/kitzeslab/opensoundscape/pull/201
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: discarded-tensor-move
# shape: helper, loader-loop, batch-dict
# bug-lines: 37
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class SpectrogramDataset(Dataset):
    def __init__(self, n, classes):
        self.n, self.classes = n, classes

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        X = torch.randn(1, 64, 64)
        y = torch.zeros(len(self.classes))
        y[idx % len(self.classes)] = 1
        return {"X": X, "y": y}


def predict(model, dataloader, cuda=torch.cuda.is_available()):
    if cuda:
        model.cuda()
    model.eval()
    all_scores = []
    with torch.no_grad():
        for sample in dataloader:
            X = sample["X"]
            if cuda:
                X.cuda()
            logits = model(X)
            all_scores.append(torch.sigmoid(logits).cpu().numpy())
    return np.concatenate(all_scores)


if __name__ == "__main__":
    classes = ["woodcock", "robin", "noise"]
    model = nn.Sequential(nn.Conv2d(1, 4, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                          nn.Linear(4, len(classes)))
    loader = DataLoader(SpectrogramDataset(12, classes), batch_size=4)
    scores = predict(model, loader)
    print(scores.shape, scores.argmax(1))
