# source: https://github.com/pytorch/pytorch/issues/2552
# error: RuntimeError: expected Double tensor (got Float tensor)
# pattern: float64-input
# shape: helper, loader-loop, class
# bug-lines: 22, 54
# cpu: raises "Input type (double) and bias type (float) should be the same"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


def log_spectrogram(wave, n_fft=64, hop=32):
    frames = np.lib.stride_tricks.sliding_window_view(wave, n_fft)[::hop]
    spec = np.abs(np.fft.rfft(frames * np.hanning(n_fft), axis=-1)).T
    return np.log(spec + 1e-6)


def to_model_input(spec):
    x = torch.from_numpy(spec).unsqueeze(0)
    return x.double()


class SpeechCommands(Dataset):
    def __init__(self, n=12, sr=1600):
        rng = np.random.default_rng(0)
        self.waves = rng.standard_normal((n, sr)).astype(np.float32)
        self.labels = rng.integers(0, 4, n)

    def __len__(self):
        return len(self.waves)

    def __getitem__(self, i):
        return to_model_input(log_spectrogram(self.waves[i])), int(self.labels[i])


class SpecCNN(nn.Module):
    def __init__(self, num_classes=4):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels=1, out_channels=8, kernel_size=(3, 3), stride=(1, 1))
        self.pool = nn.AdaptiveMaxPool2d(1)
        self.fc = nn.Linear(8, num_classes)

    def forward(self, x):
        return self.fc(self.pool(torch.relu(self.conv1(x))).flatten(1))


def evaluate(model, loader, device):
    model.eval()
    correct = 0
    with torch.no_grad():
        for specs, labels in loader:
            logits = model(specs.to(device))
            correct += (logits.argmax(1).cpu() == labels).sum().item()
    return correct / len(loader.dataset)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SpecCNN().to(device)
    print(evaluate(model, DataLoader(SpeechCommands(), batch_size=4), device))
