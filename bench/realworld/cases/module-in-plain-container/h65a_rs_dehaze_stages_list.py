# source: https://github.com/cecret3350/DEA-Net/issues/23
# error: RuntimeError: Tensor for argument #2 'weight' is on CPU, but expected it to be on GPU (while checking arguments for cudnn_batch_norm)
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 39, 41
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class DetailEnhancedBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dw = nn.Conv2d(dim, dim, 3, padding=1, groups=dim)
        self.bn = nn.BatchNorm2d(dim)
        self.pw = nn.Conv2d(dim, dim, 1)
        self.pa = nn.Sequential(nn.Conv2d(dim, dim // 8, 1), nn.ReLU(inplace=True), nn.Conv2d(dim // 8, 1, 1),
                                nn.Sigmoid())

    def forward(self, x):
        y = self.pw(F.relu(self.dw(self.bn(x))))
        return x + y * self.pa(y)


class RSDehazeNet(nn.Module):
    """U-shaped dehazing net for 4-band (RGB + NIR) satellite tiles."""

    def __init__(self, in_bands=4, dim=32, depths=(2, 4, 2)):
        super().__init__()
        self.embed = nn.Conv2d(in_bands, dim, 3, padding=1)
        self.down1 = nn.Conv2d(dim, dim * 2, 3, stride=2, padding=1)
        self.down2 = nn.Conv2d(dim * 2, dim * 4, 3, stride=2, padding=1)
        self.up2 = nn.ConvTranspose2d(dim * 4, dim * 2, 2, stride=2)
        self.up1 = nn.ConvTranspose2d(dim * 2, dim, 2, stride=2)
        widths = (dim, dim * 2, dim * 4)
        self.stages = []
        for width, depth in zip(widths, depths):
            self.stages.append(nn.Sequential(*[DetailEnhancedBlock(width) for _ in range(depth)]))
        self.out = nn.Conv2d(dim, in_bands, 3, padding=1)

    def forward(self, hazy):
        x1 = self.stages[0](self.embed(hazy))
        x2 = self.stages[1](self.down1(x1))
        x3 = self.stages[2](self.down2(x2))
        y = self.up1(self.up2(x3) + x2) + x1
        return hazy + self.out(y)


class HazyTileDataset(Dataset):
    def __init__(self, n=64, size=256):
        self.n, self.size = n, size

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        clear = torch.rand(4, self.size, self.size)
        haze = 0.6 * torch.rand(1, 1, 1) + 0.2
        return clear * (1 - haze) + haze, clear


def train(epochs=10):
    device = torch.device("cuda")
    net = RSDehazeNet().to(device)
    optimizer = torch.optim.AdamW(net.parameters(), lr=2e-4)
    loader = DataLoader(HazyTileDataset(), batch_size=8, shuffle=True, num_workers=2)
    for epoch in range(epochs):
        for hazy, clear in loader:
            hazy, clear = hazy.to(device), clear.to(device)
            loss = F.l1_loss(net(hazy), clear)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: l1 {loss.item():.4f}")


if __name__ == "__main__":
    train()
