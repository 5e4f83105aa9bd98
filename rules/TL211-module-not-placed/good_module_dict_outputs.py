# Every part the prediction computes with is in the ModuleDict that is moved.
import torch
from torch import nn


def build_parts(n_classes):
    stem = nn.Conv2d(3, 32, 3, padding=1)
    body = nn.Sequential(nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
    head = nn.Linear(64, n_classes)
    return {"stem": stem, "body": body, "head": head}


class Classifier:
    def __init__(self, n_classes, device):
        parts = build_parts(n_classes)
        self.device = device
        self.blocks = nn.ModuleDict(parts)
        self.blocks.to(device)

    @torch.no_grad()
    def predict(self, images):
        features = self.blocks.body(self.blocks.stem(images.to(self.device)))
        return self.blocks.head(features.flatten(1)).argmax(-1)


if __name__ == "__main__":
    clf = Classifier(10, torch.device("cuda"))
    print(clf.predict(torch.rand(4, 3, 32, 32)))
