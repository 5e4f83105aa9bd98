# source: https://github.com/MouseLand/cellpose/issues/211
# error: RuntimeError: Tensor for argument #2 'weight' is on CPU, but expected it to be on GPU (while checking arguments for cudnn_batch_norm)
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Flow-based nucleus segmentation network and its model wrapper."""
import torch
import torch.nn as nn


def conv_block(cin, cout):
    return nn.Sequential(
        nn.BatchNorm2d(cin), nn.ReLU(inplace=True), nn.Conv2d(cin, cout, 3, padding=1),
        nn.BatchNorm2d(cout), nn.ReLU(inplace=True), nn.Conv2d(cout, cout, 3, padding=1),
    )


class FlowUNet(nn.Module):
    """Predicts (dy, dx, cell-probability) maps, cellpose style."""

    def __init__(self, nchan=2, nbase=(32, 64, 128)):
        super().__init__()
        self.down1 = conv_block(nchan, nbase[0])
        self.down2 = conv_block(nbase[0], nbase[1])
        self.bottom = conv_block(nbase[1], nbase[2])
        self.up2 = conv_block(nbase[2] + nbase[1], nbase[1])
        self.up1 = conv_block(nbase[1] + nbase[0], nbase[0])
        self.out = nn.Conv2d(nbase[0], 3, 1)
        self.pool = nn.MaxPool2d(2)
        self.upsample = nn.Upsample(scale_factor=2, mode="nearest")

    def forward(self, x):
        d1 = self.down1(x)
        d2 = self.down2(self.pool(d1))
        b = self.bottom(self.pool(d2))
        u2 = self.up2(torch.cat([self.upsample(b), d2], dim=1))
        u1 = self.up1(torch.cat([self.upsample(u2), d1], dim=1))
        return self.out(u1)


class NucleusModel:
    def __init__(self, gpu=False, pretrained_model=None, diam_mean=17.0, nchan=2):
        use_cuda = gpu and torch.cuda.is_available()
        self.device = torch.device("cuda") if use_cuda else torch.device("cpu")
        self.net = FlowUNet(nchan=nchan)
        if pretrained_model:
            state = torch.load(pretrained_model, map_location="cpu")
            self.net.load_state_dict(state)
        self.net.to(self.device)
        self.diam_mean = diam_mean

    def save(self, path):
        torch.save(self.net.state_dict(), path)
