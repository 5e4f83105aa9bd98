# source: https://github.com/BUPTLdy/Pytorch-LapSRN/issues/2
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #2 'weight'
# pattern: inputs-not-moved
# shape: multi-file, helper
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def feature_block(depth=10, ch=64):
    layers = []
    for _ in range(depth):
        layers += [nn.Conv2d(ch, ch, 3, 1, 1), nn.LeakyReLU(0.2, inplace=True)]
    layers += [nn.ConvTranspose2d(ch, ch, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True)]
    return nn.Sequential(*layers)


class LapSRN(nn.Module):
    """Laplacian pyramid SR: two x2 levels give x2 and x4 outputs from a Y-channel input."""

    def __init__(self):
        super().__init__()
        self.conv_input = nn.Conv2d(1, 64, 3, 1, 1)
        self.feat1, self.feat2 = feature_block(), feature_block()
        self.res1, self.res2 = nn.Conv2d(64, 1, 3, 1, 1), nn.Conv2d(64, 1, 3, 1, 1)
        self.up1 = nn.ConvTranspose2d(1, 1, 4, 2, 1, bias=False)
        self.up2 = nn.ConvTranspose2d(1, 1, 4, 2, 1, bias=False)

    def forward(self, x):
        f1 = self.feat1(self.conv_input(x))
        hr2 = self.up1(x) + self.res1(f1)
        f2 = self.feat2(f1)
        hr4 = self.up2(hr2) + self.res2(f2)
        return hr2, hr4


def load_lapsrn(path):
    net = LapSRN()
    ckpt = torch.load(path, map_location="cpu")
    net.load_state_dict(ckpt["state_dict"] if "state_dict" in ckpt else ckpt)
    return net.eval()
