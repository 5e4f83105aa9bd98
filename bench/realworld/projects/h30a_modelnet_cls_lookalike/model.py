# source: https://github.com/NVIDIAGameWorks/kaolin/pull/214
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, class
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class PointNetClassifier(nn.Module):
    def __init__(self, in_channels=3, num_classes=10, dropout=0.3):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(in_channels, 64, 1), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Conv1d(64, 128, 1), nn.BatchNorm1d(128), nn.ReLU(),
            nn.Conv1d(128, 1024, 1), nn.BatchNorm1d(1024), nn.ReLU())
        self.head = nn.Sequential(
            nn.Linear(1024, 512), nn.BatchNorm1d(512), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(512, 256), nn.BatchNorm1d(256), nn.ReLU(),
            nn.Linear(256, num_classes))

    def forward(self, points):                   # points: (B, N, 3)
        x = self.features(points.transpose(1, 2))
        return self.head(torch.max(x, dim=2)[0])
