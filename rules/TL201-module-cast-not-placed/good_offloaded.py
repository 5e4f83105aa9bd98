import torch
from torch import nn


# The decoder is put back on the device before each request.
class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose2d(4, 3, 2, stride=2)

    def forward(self, z):
        return self.up(z)


class Pipeline:
    def __init__(self, device):
        self.device = device
        self.decoder = Decoder().to(device=device, dtype=torch.float16)

    def __call__(self, latents):
        latents = latents.to(self.device, dtype=torch.float16)
        self.decoder.to(self.device)
        image = self.decoder(latents)
        self.decoder.to("cpu")
        return image


def serve(device):
    pipe = Pipeline(device)
    pipe(torch.randn(1, 4, 8, 8))
    return pipe(torch.randn(1, 4, 8, 8))
