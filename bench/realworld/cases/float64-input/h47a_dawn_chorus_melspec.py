# source: https://github.com/pytorch/audio/issues/1753
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: batch-dict, loader-loop
# bug-lines: 35, 66
# needs: torch, torchaudio, soundfile, pandas
# cpu: no written where torch was not installed; not run
"""Train a small CNN on 5-second dawn-chorus clips recorded by AudioMoth units.
Labels come from the annotation sheet exported by the field team."""
import pandas as pd
import soundfile as sf
import torch
import torch.nn as nn
import torchaudio
from torch.utils.data import DataLoader, Dataset

SAMPLE_RATE = 32000
CLIP_SECONDS = 5


class ChorusClips(Dataset):
    def __init__(self, sheet_csv):
        self.rows = pd.read_csv(sheet_csv)
        self.species = sorted(self.rows["species"].unique())

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, idx):
        row = self.rows.iloc[idx]
        wave, sr = sf.read(row["path"], start=int(row["offset"] * SAMPLE_RATE),
                           frames=CLIP_SECONDS * SAMPLE_RATE)
        assert sr == SAMPLE_RATE
        return {
            "wave": torch.from_numpy(wave),
            "label": self.species.index(row["species"]),
        }


class ChorusCNN(nn.Module):
    def __init__(self, n_species):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.head = nn.Linear(64, n_species)

    def forward(self, spec):
        return self.head(self.features(spec).flatten(1))


def train(sheet_csv, epochs=20):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = ChorusClips(sheet_csv)
    loader = DataLoader(data, batch_size=16, shuffle=True, num_workers=4)
    melspec = torchaudio.transforms.MelSpectrogram(SAMPLE_RATE, n_fft=1024, n_mels=96).to(device)
    to_db = torchaudio.transforms.AmplitudeToDB().to(device)
    model = ChorusCNN(len(data.species)).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        for batch in loader:
            wave = batch["wave"].to(device)
            spec = to_db(melspec(wave)).unsqueeze(1)
            loss = criterion(model(spec), batch["label"].to(device))
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    train("annotations/dawn_chorus_2023.csv")
