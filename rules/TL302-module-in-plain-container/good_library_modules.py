import timm
from torch import nn
from torchmetrics import MetricCollection
from torchmetrics.classification import BinaryAccuracy, BinaryAUROC


class Classifier(nn.Module):
    def __init__(self, backbones=("resnet18", "efficientnet_b0")):
        super().__init__()
        self.members = nn.ModuleList(timm.create_model(name, num_classes=1) for name in backbones)
        self.metrics = MetricCollection({"acc": BinaryAccuracy(), "auroc": BinaryAUROC()})
        # Names of metrics, not metrics.
        self.metric_names = ["acc", "auroc"]

    def forward(self, images):
        return sum(member(images) for member in self.members) / len(self.members)

    def score(self, images, labels):
        probs = self(images).sigmoid().squeeze(-1)
        self.metrics.update(probs, labels)
