# source: https://github.com/baal-org/baal/issues/79
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small VGG-style classifier whose dropout layers stay active for MC sampling."""
import torch.nn as nn


class MCDropoutNet(nn.Module):
    def __init__(self, n_classes=10, p=0.5):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Dropout(p), nn.Linear(64 * 8 * 8, 256), nn.ReLU(),
            nn.Dropout(p), nn.Linear(256, n_classes),
        )

    def forward(self, x):
        return self.classifier(self.features(x))


def enable_mc_dropout(model):
    model.eval()
    for m in model.modules():
        if isinstance(m, nn.Dropout):
            m.train()
    return model
