# source: https://github.com/torcheeg/torcheeg/issues/17
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: class, loader-loop, batch-dict
# bug-lines: 44, 75
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
"""Emotion recognition on a lab-recorded 32-channel EEG set (valence, 2 classes)."""
import glob
import os

import numpy as np
import scipy.io as sio
import torch
import torch.nn as nn
from scipy.signal import butter, sosfiltfilt
from torch.utils.data import DataLoader, Dataset


def bandpass(x, fs=128, lo=4.0, hi=45.0):
    sos = butter(4, [lo, hi], btype="band", fs=fs, output="sos")
    return sosfiltfilt(sos, x, axis=-1)


class LabEEGDataset(Dataset):
    """Each .mat file: 'eeg' (trials, 32, samples) and 'valence' (trials,)."""

    def __init__(self, root, window=512):
        data, labels = [], []
        for path in sorted(glob.glob(os.path.join(root, "*.mat"))):
            mat = sio.loadmat(path)
            eeg = bandpass(mat["eeg"])
            for trial, v in zip(eeg, mat["valence"].ravel()):
                for start in range(0, trial.shape[-1] - window + 1, window):
                    data.append(trial[:, start:start + window])
                    labels.append(int(v > 5))
        self.data = np.stack(data)
        self.labels = np.asarray(labels)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        eeg = torch.from_numpy(self.data[idx]).unsqueeze(0)
        return {"eeg": eeg, "label": int(self.labels[idx])}


class TSCeptionLite(nn.Module):
    def __init__(self, n_chans=32, n_classes=2, sampling_rate=128):
        super().__init__()
        self.temporal = nn.ModuleList([
            nn.Sequential(nn.Conv2d(1, 15, (1, int(w * sampling_rate))), nn.LeakyReLU(),
                          nn.AvgPool2d((1, 8), (1, 8)))
            for w in (0.5, 0.25, 0.125)])
        self.spatial = nn.Sequential(nn.Conv2d(15, 15, (n_chans, 1)), nn.LeakyReLU(),
                                     nn.AdaptiveAvgPool2d((1, 8)))
        self.fc = nn.Linear(15 * 8, n_classes)

    def forward(self, x):
        t = torch.cat([branch(x) for branch in self.temporal], dim=-1)
        return self.fc(self.spatial(t).flatten(1))


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
train_set = LabEEGDataset("./recordings/train")
loader = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4)
model = TSCeptionLite().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
criterion = nn.CrossEntropyLoss()

for epoch in range(50):
    for batch in loader:
        x = batch["eeg"].to(device)
        y = batch["label"].to(device)
        logits = model(x)
        loss = criterion(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch}: last batch loss {loss.item():.4f}")
