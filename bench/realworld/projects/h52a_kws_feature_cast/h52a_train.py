# source: https://github.com/yeyupiaoling/AudioClassification-Pytorch/issues/1
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: legacy-type-cast
# shape: multi-file, loader-loop
# needs: torch, torchaudio, soundfile
# cpu: no written where torch was not installed; not run
import csv

import soundfile as sf
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from h52a_features import LogMelFrontend, as_model_input

KEYWORDS = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go", "_unknown_"]


class KeywordClips(Dataset):
    def __init__(self, manifest, clip_len=16000):
        with open(manifest) as fh:
            self.rows = [(r["path"], KEYWORDS.index(r["label"])) for r in csv.DictReader(fh)]
        self.clip_len = clip_len

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        path, label = self.rows[i]
        wav, _ = sf.read(path)
        wav = torch.from_numpy(wav[: self.clip_len])
        wav = nn.functional.pad(wav, (0, self.clip_len - wav.numel()))
        return wav, label


class KwsCNN(nn.Module):
    def __init__(self, n_classes=len(KEYWORDS)):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.fc = nn.Linear(64, n_classes)

    def forward(self, x):
        return self.fc(self.body(x).flatten(1))


def train(manifest, epochs=30, device="cuda"):
    frontend = LogMelFrontend(device=device)
    model = KwsCNN().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(KeywordClips(manifest), batch_size=128, shuffle=True, num_workers=4)
    for epoch in range(epochs):
        for wavs, labels in loader:
            wavs, labels = wavs.to(device), labels.to(device)
            logits = model(as_model_input(frontend(wavs)))
            loss = nn.functional.cross_entropy(logits, labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {loss.item():.4f}")


if __name__ == "__main__":
    train("speech_commands_train.csv")
