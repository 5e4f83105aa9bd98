# source: https://github.com/NKI-AI/direct/pull/308
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: loader-loop, batch-dict, helper, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small k-space + image domain refinement network."""
import torch
import torch.nn as nn


def conv_block(in_ch, out_ch):
    return nn.Sequential(
        nn.Conv2d(in_ch, out_ch, 3, padding=1),
        nn.InstanceNorm2d(out_ch),
        nn.LeakyReLU(0.2, inplace=True),
    )


class KIRefineNet(nn.Module):
    def __init__(self, hidden=32):
        super().__init__()
        self.kspace_net = nn.Sequential(conv_block(2, hidden), nn.Conv2d(hidden, 2, 1))
        self.image_net = nn.Sequential(
            conv_block(1, hidden), conv_block(hidden, hidden), nn.Conv2d(hidden, 1, 1)
        )

    def forward(self, masked_kspace, sampling_mask):
        filled = masked_kspace + self.kspace_net(masked_kspace) * (1 - sampling_mask)
        complex_k = torch.complex(filled[:, 0], filled[:, 1])
        image = torch.fft.fftshift(torch.fft.ifft2(torch.fft.ifftshift(complex_k, dim=(-2, -1))),
                                   dim=(-2, -1))
        magnitude = image.abs().unsqueeze(1)
        return magnitude + self.image_net(magnitude)
