# source: https://github.com/rosinality/stylegan2-pytorch/issues/130
# error: RuntimeError: Caught RuntimeError in replica 1 on device 1.
# pattern: module-in-plain-container
# shape: multi-file, class
# bug-lines: 60, 69
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


def normalize_tensor(feat, eps=1e-10):
    norm = torch.sqrt(torch.sum(feat ** 2, dim=1, keepdim=True))
    return feat / (norm + eps)


def spatial_average(x, keepdim=True):
    return x.mean([2, 3], keepdim=keepdim)


class TinyTrunk(nn.Module):
    """Stand-in for the frozen VGG/Alex trunk: returns one feature map per stage."""

    def __init__(self, chns):
        super().__init__()
        self.slices = nn.ModuleList()
        c_in = 3
        for c in chns:
            self.slices.append(nn.Sequential(nn.Conv2d(c_in, c, 3, padding=1), nn.ReLU()))
            c_in = c

    def forward(self, x):
        outs = []
        for block in self.slices:
            x = block(x)
            outs.append(x)
        return outs


class NetLinLayer(nn.Module):
    """A single linear layer which does a 1x1 conv."""

    def __init__(self, chn_in, chn_out=1, use_dropout=False):
        super().__init__()
        layers = [nn.Dropout()] if use_dropout else []
        layers += [nn.Conv2d(chn_in, chn_out, 1, stride=1, padding=0, bias=False)]
        self.model = nn.Sequential(*layers)


class PNetLin(nn.Module):
    def __init__(self, chns=(16, 32, 64), use_dropout=True):
        super().__init__()
        self.chns = list(chns)
        self.L = len(self.chns)
        self.net = TinyTrunk(self.chns)

        self.lin0 = NetLinLayer(self.chns[0], use_dropout=use_dropout)
        self.lin1 = NetLinLayer(self.chns[1], use_dropout=use_dropout)
        self.lin2 = NetLinLayer(self.chns[2], use_dropout=use_dropout)
        self.lins = [self.lin0, self.lin1, self.lin2]

    def forward(self, in0, in1):
        outs0, outs1 = self.net(in0), self.net(in1)
        diffs = {}
        for kk in range(self.L):
            f0, f1 = normalize_tensor(outs0[kk]), normalize_tensor(outs1[kk])
            diffs[kk] = (f0 - f1) ** 2

        res = [spatial_average(self.lins[kk].model(diffs[kk])) for kk in range(self.L)]

        val = res[0]
        for layer in range(1, self.L):
            val = val + res[layer]
        return val
