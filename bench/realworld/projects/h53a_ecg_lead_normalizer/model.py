# source: https://github.com/speechbrain/speechbrain/pull/1841
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn

from features import LeadNormalizer

SUPERCLASSES = ["NORM", "MI", "STTC", "CD", "HYP"]  # PTB-XL diagnostic superclasses


class ResBlock1d(nn.Module):
    def __init__(self, ch, k=7):
        super().__init__()
        self.body = nn.Sequential(nn.Conv1d(ch, ch, k, padding=k // 2), nn.BatchNorm1d(ch), nn.ReLU(),
                                  nn.Conv1d(ch, ch, k, padding=k // 2), nn.BatchNorm1d(ch))

    def forward(self, x):
        return nn.functional.relu(x + self.body(x))


class ECGNet(nn.Module):
    def __init__(self, n_leads=12, width=64, n_classes=len(SUPERCLASSES)):
        super().__init__()
        self.norm = LeadNormalizer(n_leads)
        self.stem = nn.Sequential(nn.Conv1d(n_leads, width, 15, stride=2, padding=7), nn.BatchNorm1d(width), nn.ReLU())
        self.blocks = nn.Sequential(*[nn.Sequential(ResBlock1d(width), nn.MaxPool1d(2)) for _ in range(4)])
        self.head = nn.Linear(width, n_classes)

    def forward(self, x, epoch=None):
        x = self.norm(x, epoch)
        return self.head(self.blocks(self.stem(x)).mean(-1))
