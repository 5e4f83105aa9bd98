# source: https://github.com/FilipAndersson245/cartoon-gan/issues/15
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, loader-loop
# looks-like: module-not-placed
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Pre-train the cartoon generator on reconstruction only (content loss + pixel L1)."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from torchvision.models import vgg16


def build_perception(depth=25):
    layers = list(vgg16(weights="IMAGENET1K_V1").features)[:depth]
    net = nn.Sequential(*layers).eval()
    for p in net.parameters():
        p.requires_grad_(False)
    return net


def build_generator():
    return nn.Sequential(
        nn.Conv2d(3, 64, 7, 1, 3), nn.InstanceNorm2d(64), nn.ReLU(True),
        nn.Conv2d(64, 64, 3, 1, 1), nn.InstanceNorm2d(64), nn.ReLU(True),
        nn.Conv2d(64, 3, 7, 1, 3), nn.Tanh(),
    )


def pretrain(epochs=3, batch_size=8):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    generator = build_generator().to(device)
    perception = build_perception().to(device)
    pixel_l1 = nn.L1Loss()
    feature_l1 = nn.L1Loss()
    optimizer = torch.optim.Adam(generator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    loader = DataLoader(TensorDataset(torch.rand(64, 3, 128, 128) * 2 - 1), batch_size=batch_size, shuffle=True)

    for epoch in range(epochs):
        total = 0.0
        for (photo,) in loader:
            photo = photo.to(device)
            recon = generator(photo)
            loss = pixel_l1(recon, photo) + 10.0 * feature_l1(perception(recon), perception(photo))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"pretrain epoch {epoch}: {total / len(loader):.4f}")
    return generator


if __name__ == "__main__":
    pretrain()
