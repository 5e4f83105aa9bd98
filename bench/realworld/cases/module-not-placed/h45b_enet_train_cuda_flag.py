# source: https://github.com/iArunava/ENet-Real-Time-Semantic-Segmentation/issues/5
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, loader-loop
# bug-lines: 48, 57
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class InitialBlock(nn.Module):
    def __init__(self, in_ch=3, out_ch=16):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, out_ch - in_ch, 3, stride=2, padding=1, bias=False)
        self.pool = nn.MaxPool2d(2, 2)
        self.bn = nn.BatchNorm2d(out_ch)

    def forward(self, x):
        return torch.relu(self.bn(torch.cat([self.conv(x), self.pool(x)], dim=1)))


class TinyENet(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.init = InitialBlock()
        self.encoder = nn.Sequential(nn.Conv2d(16, 64, 3, stride=2, padding=1), nn.PReLU(),
                                     nn.Conv2d(64, 64, 3, padding=2, dilation=2), nn.PReLU())
        self.decoder = nn.Sequential(nn.ConvTranspose2d(64, 16, 2, stride=2), nn.PReLU(),
                                     nn.ConvTranspose2d(16, num_classes, 2, stride=2))

    def forward(self, x):
        return self.decoder(self.encoder(self.init(x)))


def make_loader(batch_size, n=64, h=128, w=256, num_classes=12):
    images = torch.randint(0, 256, (n, 3, h, w), dtype=torch.uint8)
    masks = torch.randint(0, num_classes, (n, h, w))
    return DataLoader(TensorDataset(images, masks), batch_size=batch_size, shuffle=True)


def train(FLAGS):
    use_cuda = FLAGS.cuda.lower() == "true" and torch.cuda.is_available()
    device = torch.device("cuda" if use_cuda else "cpu")
    enet = TinyENet(FLAGS.num_classes)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(enet.parameters(), lr=FLAGS.learning_rate, weight_decay=2e-4)
    loader = make_loader(FLAGS.batch_size, num_classes=FLAGS.num_classes)
    for epoch in range(FLAGS.epochs):
        running = 0.0
        for X_batch, mask_batch in loader:
            X_batch, mask_batch = X_batch.to(device), mask_batch.to(device)
            optimizer.zero_grad()
            out = enet(X_batch.float() / 255.0)
            loss = criterion(out, mask_batch.long())
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch + 1}: loss {running / len(loader):.4f}")
    return enet


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cuda", type=str, default="True")
    parser.add_argument("-e", "--epochs", type=int, default=3)
    parser.add_argument("-bs", "--batch-size", type=int, default=8)
    parser.add_argument("-lr", "--learning-rate", type=float, default=5e-4)
    parser.add_argument("-nc", "--num-classes", type=int, default=12)
    train(parser.parse_args())
