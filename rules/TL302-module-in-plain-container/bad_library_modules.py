# Metrics (torchmetrics) and models of a library are modules too: kept in a plain
# dict or list they are not registered, so Lightning's (or `.to()`'s) move of the
# module leaves their states and weights on the CPU.
import timm
from torch import nn
from torchmetrics.classification import BinaryAccuracy, BinaryAUROC


class Classifier(nn.Module):
    def __init__(self, backbones=("resnet18", "efficientnet_b0")):
        super().__init__()
        self.members = [timm.create_model(name, num_classes=1) for name in backbones]  # expect: TL302:9
        self.metrics = {"acc": BinaryAccuracy(), "auroc": BinaryAUROC()}  # expect: TL302:9

    def forward(self, images):
        return sum(member(images) for member in self.members) / len(self.members)

    def score(self, images, labels):
        probs = self(images).sigmoid().squeeze(-1)
        for metric in self.metrics.values():
            metric.update(probs, labels)
