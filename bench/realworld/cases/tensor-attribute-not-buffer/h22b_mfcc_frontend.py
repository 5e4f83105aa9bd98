# source: https://github.com/pytorch/audio/issues/3765
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 20, 21
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Keyword spotting on MFCCs computed on the GPU inside the model."""
import torch
import torch.nn as nn
import torchaudio.functional as AF
from torch.utils.data import DataLoader, TensorDataset


class MFCCFrontend(nn.Module):
    def __init__(self, sample_rate=16000, n_fft=400, hop=160, n_mels=40, n_mfcc=13):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        self.register_buffer("window", torch.hann_window(n_fft))
        self.mel_fb = AF.melscale_fbanks(n_fft // 2 + 1, 0.0, sample_rate / 2, n_mels, sample_rate)
        self.dct_mat = AF.create_dct(n_mfcc, n_mels, norm="ortho")

    def forward(self, wav):
        spec = torch.stft(wav, self.n_fft, self.hop, window=self.window, return_complex=True)
        power = spec.abs().pow(2).transpose(-1, -2)          # (B, T, F)
        mel = torch.matmul(power, self.mel_fb)               # (B, T, n_mels)
        return torch.matmul(torch.log(mel + 1e-6), self.dct_mat)


class KeywordSpotter(nn.Module):
    def __init__(self, n_keywords=12, n_mfcc=13, hidden=128):
        super().__init__()
        self.frontend = MFCCFrontend(n_mfcc=n_mfcc)
        self.rnn = nn.GRU(n_mfcc, hidden, batch_first=True)
        self.head = nn.Linear(hidden, n_keywords)

    def forward(self, wav):
        feats = self.frontend(wav)
        _, h = self.rnn(feats)
        return self.head(h[-1])


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    waves = torch.randn(256, 16000)
    labels = torch.randint(0, 12, (256,))
    loader = DataLoader(TensorDataset(waves, labels), batch_size=32, shuffle=True)

    model = KeywordSpotter().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(3):
        for wav, label in loader:
            wav, label = wav.to(device), label.to(device)
            loss = criterion(model(wav), label)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.3f}")


if __name__ == "__main__":
    main()
