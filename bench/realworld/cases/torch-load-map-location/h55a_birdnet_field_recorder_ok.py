# source: https://github.com/ahmedbesbes/character-based-cnn/issues/2
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# looks-like: torch-load-map-location
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Run the GPU-trained dawn-chorus detector on a Raspberry Pi / laptop next to the AudioMoths."""
import glob
import os

import torch
import torch.nn as nn
import torchaudio


class ChorusDetector(nn.Module):
    def __init__(self, n_species, n_mels=64):
        super().__init__()
        self.frontend = torchaudio.transforms.MelSpectrogram(22050, n_fft=1024, hop_length=256, n_mels=n_mels)
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 24, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(24, 48, 3, padding=1), nn.ReLU(), nn.AdaptiveMaxPool2d((1, 1)), nn.Flatten(),
        )
        self.out = nn.Linear(48, n_species)

    def forward(self, wave):
        spec = torch.log1p(self.frontend(wave)).unsqueeze(1)
        return torch.sigmoid(self.out(self.cnn(spec)))


def load_detector(path, device):
    # checkpoints come straight off the training node's cuda:0
    ckpt = torch.load(path, map_location=lambda storage, loc: storage)
    model = ChorusDetector(n_species=len(ckpt["species"]))
    model.load_state_dict(ckpt["model"])
    return model.to(device).eval(), ckpt["species"]


@torch.no_grad()
def scan_recording(model, species, wav_path, device, window_s=3.0, threshold=0.6):
    wave, sr = torchaudio.load(wav_path)
    wave = torchaudio.functional.resample(wave.mean(0), sr, 22050)
    step = int(window_s * 22050)
    hits = []
    for start in range(0, wave.numel() - step + 1, step):
        probs = model(wave[start:start + step][None].to(device))[0]
        for j in torch.nonzero(probs > threshold).flatten().tolist():
            hits.append((os.path.basename(wav_path), start / 22050, species[j], float(probs[j])))
    return hits


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model, species = load_detector("models/chorus_detector_2024.pt", device)
    for wav in sorted(glob.glob("recordings/AM_*/*.WAV")):
        for name, t, sp, p in scan_recording(model, species, wav, device):
            print(f"{name}\t{t:7.1f}s\t{sp}\t{p:.2f}")
