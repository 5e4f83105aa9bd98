# source: https://github.com/pytorch/pytorch/issues/30865
# error: RuntimeError: stft input and window must be on the same device but got self on cuda:0 and window on cpu
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# bug-lines: 17, 18
# needs: torch
# cpu: no written where torch was not installed; not run
"""Spectral-mask speech enhancement, trained on (noisy, clean) waveform pairs."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

N_FFT, HOP, WIN = 400, 160, 400


def log_magnitude(wav, n_fft=N_FFT, hop=HOP, win_length=WIN):
    window = torch.hann_window(win_length)
    spec = torch.stft(wav, n_fft=n_fft, hop_length=hop, win_length=win_length,
                      window=window, return_complex=True)
    return torch.log1p(spec.abs())


class MaskEstimator(nn.Module):
    def __init__(self, n_bins=N_FFT // 2 + 1, hidden=256):
        super().__init__()
        self.lstm = nn.LSTM(n_bins, hidden, num_layers=2, batch_first=True)
        self.proj = nn.Linear(hidden, n_bins)

    def forward(self, logmag):
        x, _ = self.lstm(logmag.transpose(1, 2))
        return torch.sigmoid(self.proj(x)).transpose(1, 2)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    clean = torch.randn(128, 16000)
    noisy = clean + 0.3 * torch.randn_like(clean)
    loader = DataLoader(TensorDataset(noisy, clean), batch_size=16, shuffle=True)

    model = MaskEstimator().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    for epoch in range(5):
        for noisy_wav, clean_wav in loader:
            noisy_wav, clean_wav = noisy_wav.to(device), clean_wav.to(device)
            noisy_mag = log_magnitude(noisy_wav)
            clean_mag = log_magnitude(clean_wav)
            mask = model(noisy_mag)
            loss = nn.functional.l1_loss(mask * noisy_mag, clean_mag)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: l1 {loss.item():.4f}")


if __name__ == "__main__":
    main()
