# source: https://github.com/nullquant/ComfyUI-BrushNet/issues/27
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def conv_block(cin, cout, stride=1, dilation=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride, padding=dilation, dilation=dilation),
        nn.InstanceNorm2d(cout), nn.ReLU(True),
    )


class InpaintGenerator(nn.Module):
    def __init__(self, width=64):
        super().__init__()
        self.enc = nn.Sequential(conv_block(4, width), conv_block(width, width * 2, 2), conv_block(width * 2, width * 4, 2))
        self.mid = nn.Sequential(*[conv_block(width * 4, width * 4, dilation=d) for d in (2, 4, 8, 1)])
        self.dec = nn.Sequential(
            nn.Upsample(scale_factor=2), conv_block(width * 4, width * 2),
            nn.Upsample(scale_factor=2), conv_block(width * 2, width),
            nn.Conv2d(width, 3, 3, padding=1), nn.Tanh(),
        )

    def forward(self, x):
        return self.dec(self.mid(self.enc(x)))


def prepare_input(image, mask):
    masked = image * (1.0 - mask)
    return torch.cat([masked, mask], dim=1)


def composite(pred, image, mask):
    return pred * mask + image * (1.0 - mask)
