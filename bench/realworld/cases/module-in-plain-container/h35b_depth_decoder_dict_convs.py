# source: https://github.com/nianticlabs/monodepth2/issues/5
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, loader-loop, batch-dict
# bug-lines: 31, 35, 36, 38
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvBlock(nn.Module):
    def __init__(self, in_ch, out_ch):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, out_ch, 3, padding=1, padding_mode="reflect")
        self.act = nn.ELU(inplace=True)

    def forward(self, x):
        return self.act(self.conv(x))


class MultiScaleDispDecoder(nn.Module):
    def __init__(self, enc_channels, scales=(0, 1, 2, 3)):
        super().__init__()
        self.scales = scales
        dec_channels = np.array([16, 32, 64, 128, 256])
        self.convs = OrderedDict()
        for i in range(4, -1, -1):
            ch_in = enc_channels[-1] if i == 4 else dec_channels[i + 1]
            skip = enc_channels[i - 1] if i > 0 else 0
            self.convs[("upconv", i, 0)] = ConvBlock(ch_in, dec_channels[i])
            self.convs[("upconv", i, 1)] = ConvBlock(dec_channels[i] + skip, dec_channels[i])
        for s in self.scales:
            self.convs[("dispconv", s)] = nn.Conv2d(dec_channels[s], 1, 3, padding=1)

    def forward(self, feats):
        outputs = {}
        x = feats[-1]
        for i in range(4, -1, -1):
            x = F.interpolate(self.convs[("upconv", i, 0)](x), scale_factor=2, mode="nearest")
            if i > 0:
                x = torch.cat([x, feats[i - 1]], dim=1)
            x = self.convs[("upconv", i, 1)](x)
            if i in self.scales:
                outputs[("disp", i)] = torch.sigmoid(self.convs[("dispconv", i)](x))
        return outputs


class DepthTrainer:
    def __init__(self, encoder, enc_channels, lr=1e-4):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.models = {"encoder": encoder, "depth": MultiScaleDispDecoder(enc_channels)}
        params = []
        for name in self.models:
            self.models[name].to(self.device)
            params += list(self.models[name].parameters())
        self.optimizer = torch.optim.Adam(params, lr=lr)

    def run_epoch(self, loader):
        for inputs in loader:
            color = inputs[("color", 0)].to(self.device)
            feats = self.models["encoder"](color)
            outputs = self.models["depth"](feats)
            loss = (1.0 - outputs[("disp", 0)]).abs().mean()
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
