# source: https://github.com/robertknight/ocrs-models/issues/29
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, class, helper
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def conv_block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class DetectionModel(nn.Module):
    """Small U-Net predicting a text / not-text probability per pixel."""

    def __init__(self, in_channels=1, base=16):
        super().__init__()
        self.down1 = conv_block(in_channels, base)
        self.down2 = nn.Sequential(nn.MaxPool2d(2), conv_block(base, base * 2))
        self.down3 = nn.Sequential(nn.MaxPool2d(2), conv_block(base * 2, base * 4))
        self.up2 = nn.ConvTranspose2d(base * 4, base * 2, 2, stride=2)
        self.dec2 = conv_block(base * 4, base * 2)
        self.up1 = nn.ConvTranspose2d(base * 2, base, 2, stride=2)
        self.dec1 = conv_block(base * 2, base)
        self.out = nn.Conv2d(base, 1, 1)

    def forward(self, x):
        d1 = self.down1(x)
        d2 = self.down2(d1)
        d3 = self.down3(d2)
        u2 = self.dec2(torch.cat([self.up2(d3), d2], dim=1))
        u1 = self.dec1(torch.cat([self.up1(u2), d1], dim=1))
        return torch.sigmoid(self.out(u1))


def load_model(checkpoint, device):
    model = DetectionModel()
    state = torch.load(checkpoint, map_location=device)
    model.load_state_dict(state["model"])
    return model.to(device).eval()
