# source: https://github.com/syuu1987/geekTime-semantic-segmentation/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: class, loader-loop
# bug-lines: 22, 25
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Block(nn.Module):
    def __init__(self, in_channels, features):
        super().__init__()
        self.features = features
        self.conv1 = nn.Conv2d(in_channels, features, kernel_size=3, padding=1, bias=False)
        self.conv2 = nn.Conv2d(features, features, kernel_size=3, padding=1, bias=False)

    def forward(self, x):
        x = self.conv1(x)
        x = nn.BatchNorm2d(num_features=self.features)(x)
        x = nn.ReLU(inplace=True)(x)
        x = self.conv2(x)
        x = nn.BatchNorm2d(num_features=self.features)(x)
        return nn.ReLU(inplace=True)(x)


class SmallUNet(nn.Module):
    def __init__(self, in_channels=3, num_classes=2, base=32):
        super().__init__()
        self.enc1 = Block(in_channels, base)
        self.enc2 = Block(base, base * 2)
        self.pool = nn.MaxPool2d(2)
        self.up = nn.ConvTranspose2d(base * 2, base, kernel_size=2, stride=2)
        self.dec1 = Block(base * 2, base)
        self.head = nn.Conv2d(base, num_classes, kernel_size=1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        d1 = self.dec1(torch.cat([self.up(e2), e1], dim=1))
        return self.head(d1)


def main():
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    images = torch.randn(64, 3, 128, 128)
    masks = torch.randint(0, 2, (64, 128, 128))
    loader = DataLoader(TensorDataset(images, masks), batch_size=8, shuffle=True)

    model = SmallUNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(5):
        total = 0.0
        for img, mask in loader:
            img, mask = img.to(device), mask.to(device)
            loss = criterion(model(img), mask)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: loss {total / len(loader):.4f}")


if __name__ == "__main__":
    main()
