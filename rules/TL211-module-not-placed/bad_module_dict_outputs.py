# Only the parts listed in the ModuleDict are moved; the classifier head kept beside
# them stays on the CPU and gets the moved encoder's output.
import torch
from torch import nn


def build_parts(n_classes):
    stem = nn.Conv2d(3, 32, 3, padding=1)
    body = nn.Sequential(nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
    head = nn.Linear(64, n_classes)  # expect: TL211:12 lines=19,25
    return {"stem": stem, "body": body, "head": head, "trainable": {"stem": stem, "body": body}}


class Classifier:
    def __init__(self, n_classes, device):
        parts = build_parts(n_classes)
        self.device = device
        self.blocks = nn.ModuleDict(parts["trainable"])
        self.blocks.to(device)
        self.head = parts["head"]

    @torch.no_grad()
    def predict(self, images):
        features = self.blocks.body(self.blocks.stem(images.to(self.device)))
        return self.head(features.flatten(1)).argmax(-1)


if __name__ == "__main__":
    clf = Classifier(10, torch.device("cuda"))
    print(clf.predict(torch.rand(4, 3, 32, 32)))
