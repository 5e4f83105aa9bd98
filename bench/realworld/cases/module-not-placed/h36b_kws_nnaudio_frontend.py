# source: https://github.com/KinWaiCheuk/nnAudio/issues/93
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: loader-loop, batch-dict, helper
# bug-lines: 43, 63
# needs: torch, nnAudio
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from nnAudio import features
from torch.utils.data import DataLoader, Dataset

SAMPLE_RATE = 16000
KEYWORDS = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"]
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class OneSecondClips(Dataset):
    def __init__(self, waves, labels):
        self.waves, self.labels = waves, labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return {"audio": self.waves[i], "label": self.labels[i]}


class KeywordCNN(nn.Module):
    def __init__(self, n_classes=len(KEYWORDS)):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
                                  nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
                                  nn.AdaptiveAvgPool2d(1))
        self.fc = nn.Linear(64, n_classes)

    def forward(self, logmel):
        return self.fc(self.conv(logmel.unsqueeze(1)).flatten(1))


def log_mel(spec_layer, waveform):
    return torch.log(spec_layer(waveform) + 1e-6)


def train_epoch(model, spec_layer, loader, optimizer):
    model.train()
    for batch in loader:
        wav = batch["audio"].to(device)
        target = batch["label"].to(device)
        logits = model(log_mel(spec_layer, wav))
        loss = F.cross_entropy(logits, target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    waves = torch.randn(256, SAMPLE_RATE)
    labels = torch.randint(0, len(KEYWORDS), (256,))
    loader = DataLoader(OneSecondClips(waves, labels), batch_size=32, shuffle=True)
    mel_layer = features.MelSpectrogram(sr=SAMPLE_RATE, n_fft=512, hop_length=160, n_mels=40, trainable_mel=False)
    model = KeywordCNN().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        print(epoch, train_epoch(model, mel_layer, loader, opt))
