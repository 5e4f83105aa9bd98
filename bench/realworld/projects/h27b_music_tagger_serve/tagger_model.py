# source: https://github.com/pytorch/serve/pull/256
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Short-chunk CNN for music auto-tagging on log-mel spectrograms (MagnaTagATune tags)."""
import torch
import torch.nn as nn


def conv_block(c_in, c_out, pool=2):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out),
                         nn.ReLU(inplace=True), nn.MaxPool2d(pool))


class ShortChunkCNN(nn.Module):
    def __init__(self, n_mels=128, n_channels=128, n_classes=50):
        super().__init__()
        self.spec_bn = nn.BatchNorm2d(1)
        self.layers = nn.Sequential(
            conv_block(1, n_channels), conv_block(n_channels, n_channels),
            conv_block(n_channels, n_channels * 2), conv_block(n_channels * 2, n_channels * 2),
            conv_block(n_channels * 2, n_channels * 2), conv_block(n_channels * 2, n_channels * 4))
        self.head = nn.Sequential(nn.Linear(n_channels * 4, n_channels * 4), nn.BatchNorm1d(n_channels * 4),
                                  nn.ReLU(inplace=True), nn.Dropout(0.5), nn.Linear(n_channels * 4, n_classes))

    def forward(self, logmel):
        x = self.layers(self.spec_bn(logmel.unsqueeze(1)))
        x = x.amax(dim=(2, 3))
        return torch.sigmoid(self.head(x))
