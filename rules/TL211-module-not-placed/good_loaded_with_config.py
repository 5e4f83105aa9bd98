# The caller moves the model it gets back to the device of the images.
import torch
from torch import nn


class Segmenter(nn.Module):
    def __init__(self, classes=21):
        super().__init__()
        self.head = nn.Conv2d(3, classes, 1)

    def forward(self, image):
        return self.head(image)


def load_model(path):
    checkpoint = torch.load(path, map_location="cpu")
    model = Segmenter(**checkpoint["config"])
    model.load_state_dict(checkpoint["state_dict"])
    return model, checkpoint["config"]


def sliding_window(model, image, size=256):
    tiles = [image[..., i : i + size] for i in range(0, image.shape[-1], size)]
    return torch.cat([model(tile) for tile in tiles], dim=-1)


if __name__ == "__main__":
    device = torch.device("cuda")
    model, config = load_model("segmenter.pth")
    model.to(device).eval()
    print(sliding_window(model, torch.rand(1, 3, 256, 1024).to(device)).shape)
