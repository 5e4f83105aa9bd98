# source: https://github.com/RVC-Boss/GPT-SoVITS/issues/1673
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, class
# looks-like: half-on-cpu
# needs: torch
# cpu: no written where torch was not installed; not run
"""Content encoder + decoder pair used by the synthesis engine."""
import torch
import torch.nn as nn


class ContentEncoder(nn.Module):
    def __init__(self, dim=192):
        super().__init__()
        self.convs = nn.Sequential(
            nn.Conv2d(1, 32, (1, 10), stride=(1, 5)), nn.GELU(),
            nn.Conv2d(32, dim, (1, 4), stride=(1, 4)), nn.GELU(),
        )

    def forward(self, wav):
        return self.convs(wav[:, None, None, :]).squeeze(2)


class WaveDecoder(nn.Module):
    def __init__(self, dim=192, hop=320):
        super().__init__()
        self.pre = nn.Conv1d(dim, dim, 5, padding=2)
        self.up = nn.ConvTranspose1d(dim, 1, hop, stride=hop)

    def forward(self, feats, style):
        return torch.tanh(self.up(self.pre(feats) + style)).squeeze(1)
