# source: https://github.com/windshadow233/Mahjong-AI/issues/2
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: multi-file, helper, loader-loop
# cpu: clean
# needs: torch
import torch.nn as nn


class DiscardModel(nn.Module):
    def __init__(self, in_planes=8, channels=32, num_layers=3, num_classes=34):
        super().__init__()
        layers = [nn.Conv1d(in_planes, channels, 3, padding=1), nn.ReLU()]
        for _ in range(num_layers - 1):
            layers += [nn.Conv1d(channels, channels, 3, padding=1), nn.BatchNorm1d(channels), nn.ReLU()]
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(channels * 34, num_classes)

    def forward(self, x):
        return self.head(self.body(x).flatten(1))
