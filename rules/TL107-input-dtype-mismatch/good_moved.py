import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3)

    def forward(self, pixels):
        return self.stem(pixels).mean((2, 3))


def to_batch(frames):
    return torch.stack([torch.as_tensor(f, dtype=torch.float32) for f in frames])


def evaluate(model, loader, device):
    for frames in loader:
        # The move carries the model's dtype.
        pixels = to_batch(frames).to(device, dtype=torch.bfloat16)
        print(model(pixels))


def run(loader, device):
    model = Encoder().to(device=device, dtype=torch.bfloat16)
    evaluate(model, loader, device)
