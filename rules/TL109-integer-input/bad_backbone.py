# A torchvision model starts with a convolution, also when its head is cut off with
# `nn.Sequential(*list(model.children())[:-1])`: uint8 images read from disk fail at
# that first layer ('Input type (unsigned char) and bias type (float) should be the
# same').
import torch
import torchvision
from torch import nn
from torchvision.io import read_image


class Embedder(nn.Module):
    def __init__(self):
        super().__init__()
        net = torchvision.models.efficientnet_b0(weights=None)
        self.trunk = nn.Sequential(*list(net.children())[:-1])

    def forward(self, images):
        return self.trunk(images).flatten(1)


def embed_album(paths, device):
    model = Embedder().to(device).eval()
    images = torch.stack([read_image(p) for p in paths]).to(device)  # expect: TL109:27 lines=25,18
    with torch.no_grad():
        return model(images)


def classify(paths, device):
    classifier = torchvision.models.resnet18(weights=None).to(device).eval()
    images = torch.stack([read_image(p) for p in paths]).to(device)  # expect: TL109:27 lines=31
    return classifier(images).argmax(dim=1)
