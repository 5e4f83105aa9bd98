# source: https://github.com/madhavkhoslaa/Pytorch-U-Net-Segmentation/issues/2
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: type-cast-without-device
# shape: loader-loop, batch-dict
# bug-lines: 54, 55
# needs: torch
# cpu: no written where torch was not installed; not run
"""Binary U-Net segmentation of satellite/microscopy tiles (batch = dict of image/mask)."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class TileDataset(Dataset):
    def __init__(self, n=32, size=64):
        self.images = torch.rand(n, 3, size, size)
        self.masks = (torch.rand(n, 1, size, size) > 0.5).to(torch.uint8)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return {"Image": self.images[i], "Label": self.masks[i]}


class TinyUNet(nn.Module):
    def __init__(self, n_channels=3, n_classes=1):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(n_channels, 16, 3, padding=1), nn.ReLU(),
                                  nn.MaxPool2d(2))
        self.up = nn.Sequential(nn.ConvTranspose2d(16, 16, 2, stride=2), nn.ReLU(),
                                nn.Conv2d(16, n_classes, 1))

    def forward(self, x):
        return self.up(self.down(x))


use_cuda = torch.cuda.is_available()
net = TinyUNet().cuda() if use_cuda else TinyUNet()
criterion = nn.BCEWithLogitsLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9)
train_loader = DataLoader(TileDataset(), batch_size=4, shuffle=True)

for epoch in range(3):
    running_loss = 0.0
    for i, data in enumerate(train_loader):
        if use_cuda:
            inputs, labels = data["Image"].cuda(), data["Label"].cuda()
            outputs = net(inputs.type(torch.cuda.FloatTensor))
        else:
            inputs, labels = data["Image"], data["Label"]
            outputs = net(inputs.type(torch.FloatTensor))
        optimizer.zero_grad()
        target = labels.view(-1, 1, 64, 64).type(torch.FloatTensor)
        loss = criterion(outputs, target)
        loss.backward()
        optimizer.step()
        running_loss += loss.item()
    print(f"epoch {epoch} loss {running_loss / len(train_loader):.4f}")
torch.save(net.state_dict(), "unet.pt")
