# source: https://github.com/iver56/torch-audiomentations/issues/137
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class LogMel(nn.Module):
    def __init__(self, sample_rate=16000, n_fft=1024, hop=320, n_mels=64):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        self.register_buffer("window", torch.hann_window(n_fft))
        fft_freqs = torch.linspace(0, sample_rate / 2, n_fft // 2 + 1)
        mel_pts = torch.linspace(0, 2595 * torch.log10(torch.tensor(1 + sample_rate / 2 / 700)), n_mels + 2)
        hz_pts = 700 * (10 ** (mel_pts / 2595) - 1)
        fb = torch.zeros(n_mels, n_fft // 2 + 1)
        for m in range(n_mels):
            lo, c, hi = hz_pts[m], hz_pts[m + 1], hz_pts[m + 2]
            up = (fft_freqs - lo) / (c - lo)
            down = (hi - fft_freqs) / (hi - c)
            fb[m] = torch.clamp(torch.minimum(up, down), min=0)
        self.register_buffer("mel_fb", fb)

    def forward(self, wave):
        spec = torch.stft(wave, self.n_fft, self.hop, window=self.window, return_complex=True).abs() ** 2
        return torch.log(self.mel_fb @ spec + 1e-6)


class CRNNSed(nn.Module):
    """Frame-level sound event detector: CNN front-end, bidirectional GRU, sigmoid per class."""

    def __init__(self, n_classes=10, n_mels=64):
        super().__init__()
        self.frontend = LogMel(n_mels=n_mels)
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d((4, 1)),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d((4, 1)),
        )
        self.gru = nn.GRU(64 * (n_mels // 16), 128, batch_first=True, bidirectional=True)
        self.head = nn.Linear(256, n_classes)

    def forward(self, wave):
        x = self.frontend(wave.mean(dim=1)).unsqueeze(1)  # [B, 1, mels, frames]
        x = self.cnn(x)
        b, c, f, t = x.shape
        x, _ = self.gru(x.permute(0, 3, 1, 2).reshape(b, t, c * f))
        return torch.sigmoid(self.head(x))  # [B, frames, classes]
