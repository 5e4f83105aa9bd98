# source: https://github.com/asteroid-team/asteroid/issues/300
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# bug-lines: 44, 48
# needs: torch
# cpu: no written where torch was not installed; not run
"""Temporal convolutional network (TCN) mask estimator used by Conv-TasNet."""
import torch
import torch.nn as nn


class Conv1DBlock(nn.Module):
    def __init__(self, in_chan, hid_chan, skip_chan, kernel_size, dilation):
        super().__init__()
        pad = (kernel_size - 1) * dilation // 2
        self.shared = nn.Sequential(
            nn.Conv1d(in_chan, hid_chan, 1), nn.PReLU(), nn.GroupNorm(1, hid_chan),
            nn.Conv1d(hid_chan, hid_chan, kernel_size, padding=pad, dilation=dilation, groups=hid_chan),
            nn.PReLU(), nn.GroupNorm(1, hid_chan),
        )
        self.res_conv = nn.Conv1d(hid_chan, in_chan, 1)
        self.skip_conv = nn.Conv1d(hid_chan, skip_chan, 1)

    def forward(self, x):
        y = self.shared(x)
        return self.res_conv(y), self.skip_conv(y)


class TDConvNet(nn.Module):
    def __init__(self, in_chan=512, n_src=2, n_blocks=8, n_repeats=3, bn_chan=128, hid_chan=512, skip_chan=128):
        super().__init__()
        self.n_src, self.in_chan = n_src, in_chan
        self.bottleneck = nn.Sequential(nn.GroupNorm(1, in_chan), nn.Conv1d(in_chan, bn_chan, 1))
        self.blocks = nn.ModuleList(
            Conv1DBlock(bn_chan, hid_chan, skip_chan, 3, 2 ** b)
            for _ in range(n_repeats) for b in range(n_blocks)
        )
        self.mask_net = nn.Sequential(nn.PReLU(), nn.Conv1d(skip_chan, n_src * in_chan, 1))

    def forward(self, mixture_w):
        batch, _, n_frames = mixture_w.shape
        output = self.bottleneck(mixture_w)
        skip_connection = torch.tensor([0.0])
        for block in self.blocks:
            residual, skip = block(output)
            output = output + residual
            skip_connection = skip_connection + skip
        score = self.mask_net(skip_connection)
        return torch.relu(score.view(batch, self.n_src, self.in_chan, n_frames))
