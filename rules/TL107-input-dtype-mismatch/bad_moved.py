import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3)

    def forward(self, pixels):
        return self.stem(pixels).mean((2, 3))


def to_batch(frames):
    # float32 is right here: the processor serves float32 models too.
    return torch.stack([torch.as_tensor(f, dtype=torch.float32) for f in frames])


def evaluate(model, loader, device):
    for frames in loader:
        # The move is where the model's dtype belongs: it was left out.
        pixels = to_batch(frames).to(device)  # expect: TL107:18 lines=16,23,11,27
        print(model(pixels))


def run(loader, device):
    model = Encoder().to(device=device, dtype=torch.bfloat16)
    evaluate(model, loader, device)
