# Each detection layer keeps its scaled anchors as a plain tensor attribute: moving
# the model leaves them on the CPU, and the target builder, which reads them from
# every layer, meets the targets on the GPU with them.
import torch
from torch import nn


class DetectLayer(nn.Module):
    def __init__(self, anchors, stride):
        super().__init__()
        self.conv = nn.Conv2d(64, len(anchors) * 6, 1)
        self.anchor_vec = torch.tensor(anchors, dtype=torch.float32) / stride  # expect: TL204:27 lines=31

    def forward(self, x):
        return self.conv(x)


class Detector(nn.Module):
    def __init__(self, anchors=((10, 14), (23, 27)), strides=(8, 16)):
        super().__init__()
        self.layers = nn.ModuleList(DetectLayer(anchors, s) for s in strides)

    def forward(self, x):
        return [layer(x) for layer in self.layers]


def match(targets, model):
    ratios = []
    for layer in model.layers:
        wh = targets[:, 2:4]
        ratios.append(wh[None] / layer.anchor_vec[:, None])
    return ratios


if __name__ == "__main__":
    device = torch.device("cuda")
    model = Detector().to(device)
    print(len(match(torch.rand(8, 4, device=device), model)))
