import torch
from torch import nn


class Upscaler:
    def __init__(self, net, scale=2.0):
        self.net = net
        self.scale = scale

    @property
    def working_dtype(self):
        # The dtype of the network's weights, whatever it was cast to.
        return next(self.net.parameters()).dtype

    def upscale(self, image):
        image = image.to(self.working_dtype) / self.scale
        return self.net(image)


def serve(device):
    net = nn.Conv2d(3, 12, 3, padding=1).to(device)
    upscaler = Upscaler(net)
    half = Upscaler(nn.Conv2d(3, 12, 3, padding=1).to(device).half())
    return upscaler.upscale(torch.rand(1, 3, 32, 32, device=device)), half.upscale(
        torch.rand(1, 3, 32, 32, device=device)
    )
