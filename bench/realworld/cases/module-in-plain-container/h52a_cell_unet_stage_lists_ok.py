# source: https://github.com/open-mmlab/mmdetection/issues/472
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, helper
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
"""Configurable U-Net for cell/nucleus semantic segmentation (foreground, boundary, background)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def make_stage(cin, cout, n_convs=2):
    layers = []
    for i in range(n_convs):
        layers += [nn.Conv2d(cin if i == 0 else cout, cout, 3, padding=1, bias=False),
                   nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]
    return nn.Sequential(*layers)


class CellUNet(nn.Module):
    def __init__(self, in_ch=1, n_classes=3, widths=(32, 64, 128, 256)):
        super().__init__()
        self.widths = list(widths)
        encoders, decoders = [], []
        cin = in_ch
        for w in self.widths:
            encoders.append(make_stage(cin, w))
            cin = w
        for w_skip, w in zip(reversed(self.widths[:-1]), reversed(self.widths[1:])):
            decoders.append(make_stage(w + w_skip, w_skip))
        self.encoders = nn.ModuleList(encoders)
        self.decoders = nn.ModuleList(decoders)
        self.head = nn.Conv2d(self.widths[0], n_classes, 1)

    def forward(self, x):
        skips = []
        for i, enc in enumerate(self.encoders):
            x = enc(x if i == 0 else F.max_pool2d(x, 2))
            skips.append(x)
        x = skips.pop()
        for dec in self.decoders:
            skip = skips.pop()
            x = F.interpolate(x, size=skip.shape[-2:], mode="bilinear", align_corners=False)
            x = dec(torch.cat([x, skip], dim=1))
        return self.head(x)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = CellUNet().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    images = torch.randn(4, 1, 256, 256, device=device)
    target = torch.randint(0, 3, (4, 256, 256), device=device)
    for step in range(5):
        loss = F.cross_entropy(model(images), target)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(step, loss.item())
