import torch
from torch import nn


def hann_window(n):
    # Made where torch makes everything by default: on the CPU.
    return 0.5 - 0.5 * torch.cos(2 * torch.pi * torch.arange(n) / n)  # expect: TL204:49 lines=18


class NoisyFramer(nn.Module):
    def __init__(self, frame=400, device="cuda"):
        super().__init__()
        self.frame = frame
        self.device = device

    def frames(self, n):
        noise = torch.randn(n, self.frame, device=self.device)
        return noise * hann_window(self.frame)


def jitter(points):
    offsets = torch.randn(len(points), 3).cuda()
    scale = torch.linspace(0.5, 1.5, 3)  # expect: TL204:13 lines=22,24
    return points + offsets * scale


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    print(NoisyFramer(device=dev).frames(4).shape)
    print(jitter(torch.zeros(5, 3, device=dev)).shape)
