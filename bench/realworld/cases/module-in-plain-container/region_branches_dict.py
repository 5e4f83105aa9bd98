# source: https://github.com/pytorch/pytorch/issues/4412
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, batch-dict
# bug-lines: 24
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


def conv_branch(channels):
    return nn.Sequential(
        nn.Conv2d(channels, channels, kernel_size=3, stride=1, padding=1),
        nn.ReLU(),
        nn.Conv2d(channels, channels, kernel_size=3, stride=1, padding=1),
    )


class RegionLayer(nn.Module):
    def __init__(self, in_channels, regions=("face", "left_hand", "right_hand")):
        super().__init__()
        self.in_channels = in_channels
        self.convs = {name: conv_branch(in_channels) for name in regions}
        self.fuse = nn.Conv2d(in_channels * len(regions), in_channels, kernel_size=1)

    def forward(self, crops):
        outs = [self.convs[name](crops[name]) for name in self.convs]
        return self.fuse(torch.cat(outs, dim=1))


def crop_regions(frame, boxes, size=16):
    crops = {}
    for name, (y, x) in boxes.items():
        crops[name] = frame[:, :, y:y + size, x:x + size]
    return crops


if __name__ == "__main__":
    net = RegionLayer(in_channels=8)
    net.cuda() if torch.cuda.is_available() else net.cpu()
    device = next(net.parameters()).device
    frame = torch.randn(2, 8, 64, 64, device=device)
    boxes = {"face": (0, 24), "left_hand": (40, 4), "right_hand": (40, 44)}
    out = net(crop_regions(frame, boxes))
    print(out.shape)
