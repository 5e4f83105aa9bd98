# source: https://github.com/tryonlabs/opentryon/pull/28
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, class, loader-loop, batch-dict
# bug-lines: 32, 33
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from smoothing import GaussianSmoothing


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.GroupNorm(8, cout), nn.SiLU())


class GarmentPersonUNet(nn.Module):
    def __init__(self, base=64, blur_sigma=1.5):
        super().__init__()
        self.blur_sigma = blur_sigma
        self.smoothing = None
        self.down1 = block(6, base)
        self.down2 = block(base, base * 2)
        self.pool = nn.AvgPool2d(2)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.dec = block(base * 3, base)
        self.out = nn.Conv2d(base, 3, 1)

    def augment_garment(self, garment, noise_level):
        if self.smoothing is None:
            self.smoothing = GaussianSmoothing(garment.size(1), kernel_size=5, sigma=self.blur_sigma)
        blurred = self.smoothing(garment)
        return blurred + noise_level.view(-1, 1, 1, 1) * torch.randn_like(blurred)

    def forward(self, person, garment, noise_level):
        garment = self.augment_garment(garment, noise_level)
        h1 = self.down1(torch.cat([person, garment], dim=1))
        h2 = self.down2(self.pool(h1))
        h = self.dec(torch.cat([self.up(h2), h1], dim=1))
        return self.out(h)
