# source: https://github.com/kkoutini/PaSST/issues/11
# error: RuntimeError: expected target dtype to be Long or Byte, but got Float
# pattern: loss-target-dtype
# shape: helper, loader-loop
# bug-lines: 43, 62
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Single-label species classifier for focal bird recordings, trained with waveform mixup."""
import torch
import torch.nn as nn
import torchaudio
from torch.utils.data import DataLoader

from focal_recordings import FocalRecordings

N_SPECIES = 182
SAMPLE_RATE = 32000


class SpeciesCNN(nn.Module):
    def __init__(self, n_classes=N_SPECIES):
        super().__init__()
        self.melspec = torchaudio.transforms.MelSpectrogram(SAMPLE_RATE, n_fft=1024, hop_length=320, n_mels=96)
        self.to_db = torchaudio.transforms.AmplitudeToDB(top_db=80)
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        )
        self.classifier = nn.Linear(128, n_classes)

    def forward(self, wave):
        spec = self.to_db(self.melspec(wave)).unsqueeze(1)
        return self.classifier(self.features(spec))


def mix_batch(waves, labels, alpha=0.3):
    """Waveform mixup: blend each clip with a shuffled partner."""
    lam = torch.distributions.Beta(alpha, alpha).sample().item()
    perm = torch.randperm(waves.size(0), device=waves.device)
    mixed = lam * waves + (1.0 - lam) * waves[perm]
    mixed_labels = lam * labels + (1.0 - lam) * labels[perm]
    return mixed, mixed_labels


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train = FocalRecordings("xc_focal/train.csv", clip_seconds=5, sample_rate=SAMPLE_RATE)
    loader = DataLoader(train, batch_size=48, shuffle=True, num_workers=6, drop_last=True)
    model = SpeciesCNN().to(device)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.05)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    for epoch in range(30):
        model.train()
        for waves, species_idx in loader:  # species_idx: int64 class index per clip
            waves, species_idx = waves.to(device), species_idx.to(device)
            if torch.rand(1).item() < 0.5:
                waves, species_idx = mix_batch(waves, species_idx)
            logits = model(waves)
            loss = criterion(logits, species_idx)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} done, last loss {loss.item():.3f}")


if __name__ == "__main__":
    main()
