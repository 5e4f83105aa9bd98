# The window is made by name (`getattr(torch, window)`, "hann_window" by default) and
# kept as a plain attribute: `.to(device)` leaves it on the CPU for torch.stft.
import torch
from torch import nn


class SpectralLoss(nn.Module):
    def __init__(self, n_fft=1024, hop=256, window="hann_window"):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        self.window = getattr(torch, window)(n_fft)  # expect: TL301:9 lines=14

    def forward(self, predicted, target):
        spec = lambda x: torch.stft(x, self.n_fft, self.hop, window=self.window, return_complex=True)
        return (spec(predicted).abs() - spec(target).abs()).abs().mean()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    loss = SpectralLoss().to(device)
    print(loss(torch.randn(2, 16000, device=device), torch.randn(2, 16000, device=device)))
