# source: https://github.com/pytorch/audio/issues/375
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop, batch-dict
# looks-like: tensor-attribute-not-buffer
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Audio tagging with a log-mel frontend whose constant tensors are module buffers."""
import torch
import torch.nn as nn
import torchaudio.functional as AF
from torch.utils.data import DataLoader, Dataset


class LogMelFrontend(nn.Module):
    def __init__(self, sample_rate=22050, n_fft=1024, hop=256, n_mels=64):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        self.register_buffer("window", torch.hann_window(n_fft), persistent=False)
        fb = AF.melscale_fbanks(n_fft // 2 + 1, 20.0, sample_rate / 2, n_mels, sample_rate)
        self.register_buffer("mel_fb", fb, persistent=False)

    def forward(self, wav):
        spec = torch.stft(wav, self.n_fft, self.hop, window=self.window, return_complex=True)
        mel = torch.matmul(spec.abs().pow(2).transpose(-1, -2), self.mel_fb)
        return torch.log(mel + 1e-5).unsqueeze(1)              # (B, 1, T, n_mels)


class Tagger(nn.Module):
    def __init__(self, n_tags=50):
        super().__init__()
        self.frontend = LogMelFrontend()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        )
        self.head = nn.Linear(64, n_tags)

    def forward(self, wav):
        return self.head(self.cnn(self.frontend(wav)).flatten(1))


class ClipDataset(Dataset):
    def __len__(self):
        return 200

    def __getitem__(self, idx):
        return {"audio": torch.randn(22050 * 2), "tags": (torch.rand(50) < 0.1).float()}


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(ClipDataset(), batch_size=16, shuffle=True)
    model = Tagger().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    criterion = nn.BCEWithLogitsLoss()
    for epoch in range(3):
        for batch in loader:
            audio, tags = batch["audio"].to(device), batch["tags"].to(device)
            loss = criterion(model(audio), tags)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} bce {loss.item():.4f}")


if __name__ == "__main__":
    main()
