# The config chooses the CPU: the frozen feature extractor goes there, and its
# features with it; the scoring head is put on CUDA by name, so the features never
# reach its device.
import torch
from torch import nn

CONFIG = {"device": "cpu", "features": 128}


def score(batches):
    extractor = nn.Sequential(nn.Conv2d(3, CONFIG["features"], 3), nn.AdaptiveAvgPool2d(1))
    extractor = extractor.eval().to(CONFIG["device"])
    head = nn.Linear(CONFIG["features"], 1)
    head.to("cuda")  # expect: TL204:5 lines=12,18
    with torch.no_grad():
        for images in batches:
            feats = extractor(images.to(CONFIG["device"])).flatten(1)
            print(head(feats).sigmoid())


if __name__ == "__main__":
    score([torch.rand(2, 3, 32, 32)])
