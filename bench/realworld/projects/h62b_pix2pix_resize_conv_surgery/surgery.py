# source: https://github.com/mosaicml/composer/pull/1290
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, helper
# bug-lines: 30, 31
# needs: torch
# cpu: no written where torch was not installed; not run
from torch import nn


class ResizeConv(nn.Module):
    """Nearest upsample + conv, avoids the checkerboard artifacts of ConvTranspose2d."""

    def __init__(self, in_ch, out_ch, scale=2):
        super().__init__()
        self.up = nn.Upsample(scale_factor=scale, mode="nearest")
        self.pad = nn.ReflectionPad2d(1)
        self.conv = nn.Conv2d(in_ch, out_ch, 3)

    def forward(self, x):
        return self.conv(self.pad(self.up(x)))


def replace_transposed_convs(model):
    """Swap every ConvTranspose2d in `model` for a ResizeConv with the same channels."""
    replaced = 0
    for parent in model.modules():
        for name, child in list(parent.named_children()):
            if isinstance(child, nn.ConvTranspose2d):
                new_layer = ResizeConv(child.in_channels, child.out_channels, scale=child.stride[0])
                setattr(parent, name, new_layer)
                replaced += 1
    return replaced
