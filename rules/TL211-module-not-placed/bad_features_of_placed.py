# The features come out of a backbone on the GPU; the probe and the loss wrapper
# that read them were never moved.
import torch
from torch import nn


class ContrastiveLoss(nn.Module):
    """Wraps an encoder that was placed before it was handed in, and adds a
    projection of its own, made on the CPU."""

    def __init__(self, encoder, dim):
        super().__init__()
        self.encoder = encoder
        self.project = nn.Linear(dim, 32)

    def forward(self, views):
        a, b = (self.project(self.encoder(v)) for v in views)
        return 1 - nn.functional.cosine_similarity(a, b).mean()


def linear_probe(images, labels, device):
    backbone = nn.Sequential(nn.Conv2d(3, 16, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten())
    backbone.to(device)
    probe = nn.Linear(16, 10)  # expect: TL211:13 lines=23,27
    with torch.no_grad():
        features = backbone(images)
    return nn.functional.cross_entropy(probe(features), labels)


def pretrain(pairs, device):
    encoder = nn.Sequential(nn.Conv2d(3, 16, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten())
    criterion = ContrastiveLoss(encoder.to(device), 16)  # expect: TL211:17 lines=32,17
    for views in pairs:
        criterion(views).backward()
