# source: https://github.com/megvii-research/video_analyst/issues/85
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, helper, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class SiamBackbone(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(3, 32, 5, stride=2), nn.BatchNorm2d(32), nn.ReLU(inplace=True),
            nn.Conv2d(32, ch, 3), nn.BatchNorm2d(ch), nn.ReLU(inplace=True),
            nn.Conv2d(ch, ch, 3),
        )

    def forward(self, x):
        return self.layers(x)


def xcorr_depthwise(z, x):
    b, c, hz, wz = z.shape
    out = F.conv2d(x.reshape(1, b * c, x.shape[2], x.shape[3]), z.reshape(b * c, 1, hz, wz), groups=b * c)
    return out.reshape(b, c, out.shape[2], out.shape[3])


class SiamTracker(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.backbone = SiamBackbone(ch)
        self.cls_head = nn.Conv2d(ch, 1, 1)
        self.device = torch.device("cpu")

    def forward(self, template, search):
        corr = xcorr_depthwise(self.backbone(template), self.backbone(search))
        return self.cls_head(corr)

    def set_device(self, dev):
        self.device = torch.device(dev)
        self.to(self.device)
        return self
