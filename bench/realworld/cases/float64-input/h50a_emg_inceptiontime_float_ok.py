# source: https://github.com/TheMrGhostman/InceptionTime-Pytorch/issues/2
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: class, loader-loop, helper
# looks-like: float64-input
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
"""Hand-gesture recognition from 8-channel forearm sEMG with an InceptionTime classifier."""
import numpy as np
import torch
import torch.nn as nn
from scipy.signal import butter, sosfiltfilt
from torch.utils.data import DataLoader, TensorDataset


def load_windows(path, fs=200, win=200, hop=50):
    raw = np.loadtxt(path, delimiter=",")  # float64: (samples, 8 channels + label)
    sos = butter(4, [20, 95], btype="band", fs=fs, output="sos")
    emg = sosfiltfilt(sos, raw[:, :8], axis=0)
    emg = (emg - emg.mean(0)) / (emg.std(0) + 1e-8)
    starts = range(0, len(emg) - win + 1, hop)
    X = np.stack([emg[s:s + win].T for s in starts])
    y = np.array([int(raw[s + win // 2, 8]) for s in starts])
    return X, y


class InceptionModule(nn.Module):
    def __init__(self, cin, nf=32, kernels=(9, 19, 39)):
        super().__init__()
        self.bottleneck = nn.Conv1d(cin, nf, 1, bias=False)
        self.convs = nn.ModuleList([nn.Conv1d(nf, nf, k, padding=k // 2, bias=False) for k in kernels])
        self.pool_conv = nn.Sequential(nn.MaxPool1d(3, 1, 1), nn.Conv1d(cin, nf, 1, bias=False))
        self.bn = nn.BatchNorm1d(nf * 4)

    def forward(self, x):
        b = self.bottleneck(x)
        return torch.relu(self.bn(torch.cat([c(b) for c in self.convs] + [self.pool_conv(x)], 1)))


class InceptionTime(nn.Module):
    def __init__(self, cin=8, n_classes=7, depth=6):
        super().__init__()
        self.blocks = nn.Sequential(*[InceptionModule(cin if i == 0 else 128) for i in range(depth)])
        self.fc = nn.Linear(128, n_classes)

    def forward(self, x):
        return self.fc(self.blocks(x).mean(-1))


X, y = load_windows("emg_subject01.csv")
dataset = TensorDataset(torch.as_tensor(X, dtype=torch.float32), torch.as_tensor(y, dtype=torch.long))
loader = DataLoader(dataset, batch_size=128, shuffle=True)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = InceptionTime().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
criterion = nn.CrossEntropyLoss()

for epoch in range(40):
    correct = 0
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        logits = model(xb)
        loss = criterion(logits, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        correct += (logits.argmax(1) == yb).sum().item()
    print(f"epoch {epoch}: acc {correct / len(dataset):.3f}")
