# source: https://github.com/continue-revolution/sd-webui-animatediff/issues/292
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: module-added-after-placement
# shape: multi-file, class, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn
import torch.nn.functional as F


class DownBlock(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.norm = nn.GroupNorm(8, cout)
        self.motion_module = None        # filled in by the AnimateDiff injector

    def forward(self, x, num_frames):
        x = F.silu(self.norm(self.conv(x)))
        if self.motion_module is not None:
            x = self.motion_module(x, num_frames)
        return x


class TinyUNet(nn.Module):
    block_channels = (64, 128, 128)

    def __init__(self, in_ch=4):
        super().__init__()
        chans = (in_ch,) + self.block_channels
        self.down_blocks = nn.ModuleList(DownBlock(a, b) for a, b in zip(chans[:-1], chans[1:]))
        self.conv_out = nn.Conv2d(self.block_channels[-1], in_ch, 3, padding=1)

    def forward(self, latents, num_frames):
        h = latents
        for block in self.down_blocks:
            h = block(h, num_frames)
        return self.conv_out(h)
