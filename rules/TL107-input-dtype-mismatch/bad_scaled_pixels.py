import torch
from torch import nn


class Denoiser(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 3, 3, padding=1))

    def forward(self, x):
        return x - self.body(x)


def run(video):
    net = Denoiser().cuda().half()
    for rgb in video:
        frame = torch.from_numpy(rgb).permute(2, 0, 1)  # (8-bit pixels)
        # .div(255) of 8-bit pixels made float: float32, as frame / 255 is
        x = frame.cuda().float().div(255.0).unsqueeze(0)  # expect: TL107:13 lines=20,11,15
        yield net(x)
