# A predictor keeps one placed network and swaps checkpoints into it; the network's
# own load() adds an output layer sized from the checkpoint, after the move.
import torch
from torch import nn


class SegNet(nn.Module):
    def __init__(self, width=16):
        super().__init__()
        self.width = width
        self.head = nn.Sequential(nn.Conv3d(1, width, 3, padding=1), nn.ReLU())

    def forward(self, x):
        return self.head(x)

    def load(self, state):
        classes = state["head.out.weight"].shape[0]
        self.head.add_module("out", nn.Conv3d(self.width, classes, 1))
        self.load_state_dict(state)


class Predictor:
    def __init__(self, device="cuda"):
        self.device = torch.device(device)
        self.network = SegNet().to(self.device)

    def _swap(self, path):
        self.network.load(torch.load(path, map_location=self.device))  # expect: TL202:9 lines=18,25

    def predict(self, volume, path):
        self._swap(path)
        return self.network(volume.to(self.device))
