# source: https://github.com/anita-hu/MSAF/issues/9
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
# pattern: float64-input
# shape: loader-loop, batch-dict, helper
# bug-lines: 56, 57
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
"""RAVDESS audio-visual emotion recognition: log-spectrogram + facial landmark streams."""
import glob
import os

import numpy as np
import torch
import torch.nn as nn
from scipy.io import wavfile
from torch.utils.data import DataLoader, Dataset

EMOTIONS = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"]


def log_spectrogram(wav_path, n_fft=512, hop=160, n_frames=300):
    sr, pcm = wavfile.read(wav_path)
    if pcm.ndim == 2:
        pcm = pcm.mean(axis=1)
    signal = pcm / 32768.0
    window = np.hanning(n_fft)
    frames = [signal[i:i + n_fft] * window for i in range(0, len(signal) - n_fft, hop)]
    spec = np.log1p(np.abs(np.fft.rfft(np.stack(frames), axis=1)) ** 2)
    spec = spec[:n_frames]
    if spec.shape[0] < n_frames:
        spec = np.pad(spec, ((0, n_frames - spec.shape[0]), (0, 0)))
    return spec


def load_landmarks(csv_path, n_frames=90):
    # OpenFace output: one row per video frame, 68 (x, y) landmark columns
    lm = np.loadtxt(csv_path, delimiter=",", skiprows=1, usecols=range(5, 141))
    lm = (lm - lm.mean(axis=0)) / (lm.std(axis=0) + 1e-6)
    idx = np.linspace(0, len(lm) - 1, n_frames).astype(int)
    return lm[idx]


class RavdessAV(Dataset):
    def __init__(self, root):
        self.wavs = sorted(glob.glob(os.path.join(root, "audio", "*.wav")))
        self.root = root

    def __len__(self):
        return len(self.wavs)

    def __getitem__(self, i):
        stem = os.path.splitext(os.path.basename(self.wavs[i]))[0]
        label = int(stem.split("-")[2]) - 1
        spec = log_spectrogram(self.wavs[i])
        lm = load_landmarks(os.path.join(self.root, "landmarks", stem + ".csv"))
        return {"audio": torch.from_numpy(spec),
                "visual": torch.from_numpy(lm),
                "label": torch.tensor(label)}


def temporal_stats(x):
    return torch.cat([x.mean(dim=1), x.std(dim=1)], dim=-1)


class LateFusionNet(nn.Module):
    def __init__(self, n_freq=257, n_lm=136, hidden=128, n_classes=len(EMOTIONS)):
        super().__init__()
        self.audio_mlp = nn.Sequential(nn.Linear(2 * n_freq, hidden), nn.ReLU())
        self.visual_mlp = nn.Sequential(nn.Linear(2 * n_lm, hidden), nn.ReLU())
        self.classifier = nn.Linear(2 * hidden, n_classes)

    def forward(self, audio, visual):
        ha = self.audio_mlp(temporal_stats(audio))
        hv = self.visual_mlp(temporal_stats(visual))
        return self.classifier(torch.cat([ha, hv], dim=-1))


def train(root, epochs=30):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(RavdessAV(root), batch_size=16, shuffle=True, num_workers=4)
    model = LateFusionNet().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        for batch in loader:
            audio = batch["audio"].to(device)
            visual = batch["visual"].to(device)
            logits = model(audio, visual)
            loss = loss_fn(logits, batch["label"].to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: loss {loss.item():.3f}")


if __name__ == "__main__":
    train("data/ravdess")
