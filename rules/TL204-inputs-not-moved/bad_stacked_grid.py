import torch
from torch import nn


class KeypointHead(nn.Module):
    """Heatmap peaks refined by predicted offsets around every cell's center."""

    def __init__(self, channels=32, stride=4):
        super().__init__()
        self.offsets = nn.Conv2d(channels, 2, 1)
        self.stride = stride

    def cell_centers(self, h, w):
        ys = torch.arange(h) * self.stride + self.stride / 2  # expect: TL204:14 lines=26,21
        xs = torch.arange(w) * self.stride + self.stride / 2
        # one grid per axis, stacked: still where the ranges were made
        return torch.stack(torch.meshgrid(ys, xs, indexing="ij"), dim=0)

    def forward(self, feats):
        _, _, h, w = feats.shape
        return self.cell_centers(h, w) + self.offsets(feats)


if __name__ == "__main__":
    device = torch.device("cuda")
    head = KeypointHead().to(device)
    print(head(torch.randn(2, 32, 16, 16, device=device)).shape)
