# The stages the method builds into a local name are registered where they are kept
# (`nn.ModuleList`); the plain list of their output widths holds no module.
import torch.nn as nn


class UNetDecoder(nn.Module):
    def __init__(self, widths=(512, 256, 128, 64), classes=2):
        super().__init__()
        self.stages = nn.ModuleList(self._build_stages(widths))
        self.out_widths = self._widths_of(widths)
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

    def _widths_of(self, widths):
        out = []
        for c_out in widths[1:]:
            width = c_out
            out.append(width)
        return out

    def forward(self, x):
        for stage in self.stages:
            x = stage(x)
        return self.classifier(x)
