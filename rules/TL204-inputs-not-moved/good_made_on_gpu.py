import torch
from torch import nn


def hann_window(n):
    return 0.5 - 0.5 * torch.cos(2 * torch.pi * torch.arange(n) / n)


class NoisyFramer(nn.Module):
    def __init__(self, frame=400, device="cuda"):
        super().__init__()
        self.frame = frame
        self.device = device

    def frames(self, n):
        noise = torch.randn(n, self.frame, device=self.device)
        # Moved to where the noise is before they meet.
        return noise * hann_window(self.frame).to(noise.device)


def jitter(points):
    offsets = torch.randn(len(points), 3).cuda()
    # A CPU tensor's elements are zero-dimensional: they mix with CUDA tensors.
    for scale in torch.linspace(0.5, 1.5, 3):
        points = points + offsets * scale
    return points + offsets * torch.tensor(0.5)


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    print(NoisyFramer(device=dev).frames(4).shape)
    print(jitter(torch.zeros(5, 3, device=dev)).shape)
