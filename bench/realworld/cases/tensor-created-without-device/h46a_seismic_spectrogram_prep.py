# source: https://github.com/usc-sail/gard-adversarial-speaker-id/issues/2
# error: RuntimeError: stft input and window must be on the same device but got self on cuda:0 and window on cpu
# pattern: tensor-created-without-device
# shape: class, loader-loop, top-level
# bug-lines: 29, 36
# needs: torch
# cpu: no written where torch was not installed; not run
from types import SimpleNamespace

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

# 100 Hz broadband seismometer traces, 3 components, 60 s windows
hp = SimpleNamespace(sample_rate=100, n_fft=256, hop_length=32, win_length=200, n_classes=3)


class SpectrogramPrep(nn.Module):
    """Log-power STFT of each component, stacked as image channels."""

    def __init__(self, n_fft, hop_length, win_length):
        super().__init__()
        self.n_fft = n_fft
        self.hop_length = hop_length
        self.win_length = win_length

    def forward(self, wav):
        b, c, t = wav.shape
        spec = torch.stft(
            wav.reshape(b * c, t),
            n_fft=self.n_fft,
            hop_length=self.hop_length,
            win_length=self.win_length,
            return_complex=True,
            center=True,
            window=torch.hann_window(hp.win_length),
        )
        power = spec.abs().pow(2).clamp(min=1e-10).log()
        return power.reshape(b, c, power.shape[-2], power.shape[-1])


class EventClassifier(nn.Module):
    """Earthquake / quarry blast / noise classifier on spectrograms."""

    def __init__(self):
        super().__init__()
        self.prep = SpectrogramPrep(hp.n_fft, hp.hop_length, hp.win_length)
        self.cnn = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        )
        self.fc = nn.Linear(32, hp.n_classes)

    def encode(self, x):
        return self.cnn(self.prep(x))

    def forward(self, x):
        return self.fc(self.encode(x))


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = EventClassifier().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
traces = TensorDataset(torch.randn(64, 3, 60 * hp.sample_rate), torch.randint(0, hp.n_classes, (64,)))

for epoch in range(2):
    for waveforms, labels in DataLoader(traces, batch_size=8, shuffle=True):
        waveforms, labels = waveforms.to(device), labels.to(device)
        loss = nn.functional.cross_entropy(model(waveforms), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch} loss {loss.item():.3f}")
