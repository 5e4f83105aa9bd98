import torch
import torch.nn as nn


class Segmenter(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 2, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


def restore(path=None):
    net = Segmenter()
    if path is not None:
        net.load_state_dict(torch.load(path, map_location="cpu"))
    return net.eval()


def score(net, batches, device):
    # The model comes from the caller: this function only moves the images.
    total = 0.0
    for images in batches:
        images = images.to(device)
        total += net(images).mean().item()
    return total


if __name__ == "__main__":
    device = torch.device("cuda")
    print(score(restore(), [torch.rand(1, 3, 8, 8)], device))  # expect: TL211:17 lines=15,25,26
