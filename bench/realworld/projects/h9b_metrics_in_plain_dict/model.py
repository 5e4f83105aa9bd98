# source: https://github.com/Lightning-AI/pytorch-lightning/issues/4408
# error: RuntimeError: Trying to pass too many CPU scalars to CUDA kernel!
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 31
# needs: torch
# cpu: no written where torch was not installed; not run
"""Plankton image classifier that tracks its own validation metrics."""
import torch.nn as nn

from metrics import MacroRecall, RunningAccuracy


def conv_block(c_in, c_out):
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, 3, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(2),
    )


class PlanktonNet(nn.Module):
    def __init__(self, num_classes, width=32):
        super().__init__()
        self.features = nn.Sequential(
            conv_block(1, width), conv_block(width, 2 * width),
            conv_block(2 * width, 4 * width), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        )
        self.head = nn.Linear(4 * width, num_classes)
        self.metrics = {
            "acc": RunningAccuracy(top_k=1),
            "top3": RunningAccuracy(top_k=3),
            "macro_recall": MacroRecall(num_classes),
        }

    def forward(self, x):
        return self.head(self.features(x))

    def update_metrics(self, logits, target):
        for metric in self.metrics.values():
            metric.update(logits.detach(), target)

    def compute_metrics(self):
        results = {name: m.compute() for name, m in self.metrics.items()}
        for m in self.metrics.values():
            m.reset()
        return results
