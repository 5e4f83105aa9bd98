# source: https://github.com/braindecode/braindecode/pull/381
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, class
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""Shallow ConvNet (Schirrmeister et al.) for motor-imagery EEG."""
import torch
import torch.nn as nn


class Square(nn.Module):
    def forward(self, x):
        return x * x


class SafeLog(nn.Module):
    def forward(self, x):
        return torch.log(torch.clamp(x, min=1e-6))


class ShallowFBCSPNet(nn.Module):
    def __init__(self, n_chans, n_classes, input_window_samples, n_filters=40):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, n_filters, (1, 25)),
            nn.Conv2d(n_filters, n_filters, (n_chans, 1), bias=False),
            nn.BatchNorm2d(n_filters),
            Square(),
            nn.AvgPool2d((1, 75), stride=(1, 15)),
            SafeLog(),
            nn.Dropout(0.5))
        with torch.no_grad():
            n_out = self.features(torch.zeros(1, 1, n_chans, input_window_samples)).numel()
        self.classifier = nn.Linear(n_out, n_classes)

    def forward(self, x):
        x = self.features(x.unsqueeze(1))
        return torch.log_softmax(self.classifier(x.flatten(1)), dim=1)
