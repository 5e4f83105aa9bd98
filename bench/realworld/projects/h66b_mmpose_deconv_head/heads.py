# source: https://github.com/open-mmlab/mmdetection/issues/9725
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop
# bug-lines: 18, 22, 32
# needs: torch
# cpu: clean
"""Heatmap head of a SimpleBaseline / MMPose-style top-down keypoint model."""
import torch.nn as nn


class DeconvHeatmapHead(nn.Module):
    def __init__(self, in_channels=512, out_channels=17, num_deconv_layers=3,
                 num_deconv_filters=(256, 256, 256), num_deconv_kernels=(4, 4, 4)):
        super().__init__()
        assert num_deconv_layers == len(num_deconv_filters) == len(num_deconv_kernels)
        self.in_channels = in_channels
        self.deconv_layers = self._make_deconv_layers(num_deconv_filters, num_deconv_kernels)
        self.final_layer = nn.Conv2d(num_deconv_filters[-1], out_channels, kernel_size=1)

    def _make_deconv_layers(self, filters, kernels):
        layers = []
        in_ch = self.in_channels
        for planes, kernel in zip(filters, kernels):
            block = nn.Sequential(
                nn.ConvTranspose2d(in_ch, planes, kernel, stride=2, padding=1, bias=False),
                nn.BatchNorm2d(planes),
                nn.ReLU(inplace=True),
            )
            layers.append(block)
            in_ch = planes
        return layers

    def init_weights(self):
        for block in self.deconv_layers:
            nn.init.normal_(block[0].weight, std=0.001)
        nn.init.normal_(self.final_layer.weight, std=0.001)
        nn.init.zeros_(self.final_layer.bias)

    def forward(self, x):
        for block in self.deconv_layers:
            x = block(x)
        return self.final_layer(x)
