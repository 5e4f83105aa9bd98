import torch
from torch import nn


class DepthEncoder(nn.Module):
    def __init__(self, channels=16):
        super().__init__()
        self.stem = nn.Conv2d(1, channels, 3, padding=1)

    def forward(self, depth):
        return self.stem(depth)


class Scaled(nn.Module):
    def __init__(self, inner, scale=1.0):
        super().__init__()
        self.inner = inner
        self.scale = scale

    def forward(self, x):
        return self.inner(x) * self.scale


def build_encoder(fp16):
    encoder = DepthEncoder()
    if fp16:
        encoder = encoder.half()
    return Scaled(encoder)


class Guidance:
    def __init__(self, device, dtype=torch.float32):
        self.device = device
        self.dtype = dtype
        self.encoder = None

    def load(self):
        # float32 by default: the flag is False, nothing is cast.
        self.encoder = build_encoder(fp16=self.dtype == torch.float16)
        # The wrapper is placed: the encoder inside it moves with it.
        self.encoder.to(self.device)

    def features(self, depth_map):
        depth = depth_map.to(self.device, self.dtype)
        return self.encoder(depth)


def wrapped_and_placed(device):
    wrapper = Scaled(DepthEncoder().half()).to(device)
    return wrapper(torch.rand(1, 1, 8, 8, device=device, dtype=torch.float16))


if __name__ == "__main__":
    guide = Guidance(torch.device("cuda"))
    guide.load()
    print(guide.features(torch.rand(1, 1, 32, 32)).shape)
