# source: https://github.com/musikalkemist/pytorchforaudio/issues/1
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# looks-like: module-not-placed
# shape: class, loader-loop
# needs: torch, torchaudio, pandas
# cpu: no written where torch was not installed; not run
"""UrbanSound8K dataset that resamples and computes mel spectrograms on the GPU, plus a small CNN."""
import os

import pandas as pd
import torch
import torch.nn as nn
import torchaudio
from torch.utils.data import DataLoader, Dataset


class UrbanSoundDataset(Dataset):
    def __init__(self, annotations_file, audio_dir, transformation, target_sample_rate, num_samples, device):
        self.annotations = pd.read_csv(annotations_file)
        self.audio_dir = audio_dir
        self.device = device
        self.transformation = transformation.to(self.device)
        self.target_sample_rate = target_sample_rate
        self.num_samples = num_samples
        self.resamplers = {}

    def __len__(self):
        return len(self.annotations)

    def __getitem__(self, index):
        row = self.annotations.iloc[index]
        path = os.path.join(self.audio_dir, f"fold{row['fold']}", row["slice_file_name"])
        signal, sr = torchaudio.load(path)
        signal = signal.to(self.device)
        signal = self._resample_if_necessary(signal, sr)
        signal = signal.mean(dim=0, keepdim=True)
        if signal.shape[1] > self.num_samples:
            signal = signal[:, : self.num_samples]
        elif signal.shape[1] < self.num_samples:
            signal = nn.functional.pad(signal, (0, self.num_samples - signal.shape[1]))
        return self.transformation(signal), int(row["classID"])

    def _resample_if_necessary(self, signal, sr):
        if sr == self.target_sample_rate:
            return signal
        if sr not in self.resamplers:
            resampler = torchaudio.transforms.Resample(sr, self.target_sample_rate)
            self.resamplers[sr] = resampler.to(self.device)
        return self.resamplers[sr](signal)


class CNNNetwork(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        chans = [1, 16, 32, 64, 128]
        self.convs = nn.Sequential(*[nn.Sequential(nn.Conv2d(a, b, 3, padding=2), nn.ReLU(), nn.MaxPool2d(2))
                                     for a, b in zip(chans[:-1], chans[1:])])
        self.head = nn.Sequential(nn.Flatten(), nn.LazyLinear(n_classes))

    def forward(self, x):
        return self.head(self.convs(x))


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    mel = torchaudio.transforms.MelSpectrogram(sample_rate=22050, n_fft=1024, hop_length=512, n_mels=64)
    usd = UrbanSoundDataset("UrbanSound8K/metadata/UrbanSound8K.csv", "UrbanSound8K/audio", mel, 22050, 22050, device)
    loader = DataLoader(usd, batch_size=128, shuffle=True)
    cnn = CNNNetwork().to(device)
    cnn(torch.zeros(1, 1, 64, 44, device=device))
    optimiser = torch.optim.Adam(cnn.parameters(), lr=1e-3)
    for epoch in range(10):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = nn.functional.cross_entropy(cnn(x), y)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")
