# The factory moves the classifier it builds to the GPU, except on the path that
# restores a checkpoint: that path hands back a model still on the CPU, and the
# script, which moves every batch to the GPU, fails at the first call.
import argparse

import torch
from torch import nn

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class Classifier(nn.Module):
    def __init__(self, features=64, classes=10):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(features, 128), nn.ReLU())
        self.head = nn.Linear(128, classes)

    def forward(self, x):
        return self.head(self.body(x))


def build_classifier(checkpoint=None):
    clf = Classifier()
    if checkpoint is not None:
        clf.load_state_dict(torch.load(checkpoint, map_location="cpu", weights_only=True))
        return clf.eval()  # expect: TL211:16 lines=23,35,36
    return clf.to(DEVICE).eval()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default=None)
    args = parser.parse_args()
    model = build_classifier(args.checkpoint)
    features = torch.randn(16, 64).to(DEVICE)
    print(model(features).argmax(-1))
