# The images converted to floats first: by hand, or by the weights' own transforms.
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
    images = torch.stack([read_image(p) for p in paths]).to(device).float() / 255
    with torch.no_grad():
        return model(images)


def classify(paths, device):
    weights = torchvision.models.ResNet18_Weights.DEFAULT
    classifier = torchvision.models.resnet18(weights=weights).to(device).eval()
    preprocess = weights.transforms()  # (converts to float and normalizes)
    images = torch.stack([preprocess(read_image(p)) for p in paths]).to(device)
    return classifier(images).argmax(dim=1)
