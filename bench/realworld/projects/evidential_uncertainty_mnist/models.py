# source: https://github.com/dougbrion/pytorch-classification-uncertainty/issues/18
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop
# cpu: clean
# needs: torch
import torch.nn as nn


class LeNet(nn.Module):
    def __init__(self, num_classes=10, dropout=False):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 20, kernel_size=5), nn.MaxPool2d(2), nn.ReLU(),
            nn.Conv2d(20, 50, kernel_size=5), nn.MaxPool2d(2), nn.ReLU(),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Linear(800, 500), nn.ReLU(),
            nn.Dropout(0.5 if dropout else 0.0), nn.Linear(500, num_classes),
        )

    def forward(self, x):
        return self.classifier(self.features(x))
