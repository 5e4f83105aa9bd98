# source: https://github.com/open-mmlab/mmdetection/issues/638
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, loader-loop
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class FPNWithExtraLevels(nn.Module):
    def __init__(self, in_channels=(256, 512, 1024, 2048), out_channels=256, num_extra=2):
        super().__init__()
        self.laterals = nn.ModuleList([nn.Conv2d(c, out_channels, 1) for c in in_channels])
        self.outputs = nn.ModuleList([nn.Conv2d(out_channels, out_channels, 3, padding=1) for _ in in_channels])

        self.extra_convs = []
        for i in range(num_extra):
            cin = in_channels[-1] if i == 0 else out_channels
            self.extra_convs.append(nn.Conv2d(cin, out_channels, 3, stride=2, padding=1))
        self.extra_convs = nn.Sequential(*self.extra_convs)

    def forward(self, feats):
        lats = [lat(f) for lat, f in zip(self.laterals, feats)]
        for i in range(len(lats) - 1, 0, -1):
            lats[i - 1] = lats[i - 1] + F.interpolate(lats[i], size=lats[i - 1].shape[-2:], mode="nearest")
        outs = [conv(x) for conv, x in zip(self.outputs, lats)]

        x = feats[-1]
        for i, conv in enumerate(self.extra_convs):
            x = conv(x if i == 0 else F.relu(x))
            outs.append(x)
        return outs


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    neck = FPNWithExtraLevels().to(device)
    feats = [torch.randn(64, c, s, s) for c, s in zip((256, 512, 1024, 2048), (64, 32, 16, 8))]
    loader = DataLoader(TensorDataset(*feats), batch_size=8)
    optimizer = torch.optim.SGD(neck.parameters(), lr=0.01)

    for c2, c3, c4, c5 in loader:
        outs = neck([t.to(device) for t in (c2, c3, c4, c5)])
        loss = sum(o.pow(2).mean() for o in outs)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print([tuple(o.shape) for o in outs])


if __name__ == "__main__":
    main()
