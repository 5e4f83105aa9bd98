import torch
from torch import nn


class KeypointHead(nn.Module):
    """Heatmap peaks refined by predicted offsets around every cell's center."""

    def __init__(self, channels=32, stride=4):
        super().__init__()
        self.offsets = nn.Conv2d(channels, 2, 1)
        self.stride = stride

    def cell_centers(self, h, w, device):
        ys = torch.arange(h, device=device) * self.stride + self.stride / 2
        xs = torch.arange(w, device=device) * self.stride + self.stride / 2
        # made where the features are
        return torch.stack(torch.meshgrid(ys, xs, indexing="ij"), dim=0)

    def forward(self, feats):
        _, _, h, w = feats.shape
        return self.cell_centers(h, w, feats.device) + self.offsets(feats)


if __name__ == "__main__":
    device = torch.device("cuda")
    head = KeypointHead().to(device)
    print(head(torch.randn(2, 32, 16, 16, device=device)).shape)
