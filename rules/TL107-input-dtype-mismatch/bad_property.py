import torch
from torch import nn


class Upscaler:
    def __init__(self, net, scale=2.0):
        self.net = net
        self.scale = scale

    @property
    def working_dtype(self):
        # The dtype the service was tuned for: what the inputs are cast to.
        return torch.float16

    def upscale(self, image):
        image = image.to(self.working_dtype) / self.scale  # expect: TL107:17 lines=17
        return self.net(image)


def serve(device):
    net = nn.Conv2d(3, 12, 3, padding=1).to(device)
    upscaler = Upscaler(net)
    return upscaler.upscale(torch.rand(1, 3, 32, 32, device=device))
