# A U-Net decoder: a method builds each upsampling stage into a local name and
# appends it to a plain list, which `__init__` keeps. `.to(device)` never reaches the
# stages, and their weights stay on the CPU.
import torch.nn as nn


class UNetDecoder(nn.Module):
    def __init__(self, widths=(512, 256, 128, 64), classes=2):
        super().__init__()
        self.stages = self._build_stages(widths)  # expect: TL302:9 lines=13
        self.classifier = nn.Conv2d(widths[-1], classes, kernel_size=1)

    def _build_stages(self, widths):
        stages = []
        for c_in, c_out in zip(widths, widths[1:]):
            stage = nn.Sequential(
                nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False),
                nn.Conv2d(c_in, c_out, kernel_size=3, padding=1),
                nn.BatchNorm2d(c_out),
                nn.ReLU(inplace=True),
            )
            stages.append(stage)
        return stages

    def forward(self, x):
        for stage in self.stages:
            x = stage(x)
        return self.classifier(x)
