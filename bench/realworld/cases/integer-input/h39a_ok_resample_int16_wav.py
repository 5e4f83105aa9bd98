# source: https://github.com/pytorch/audio/issues/2294
# error: RuntimeError: expected scalar type Short but found Float
# pattern: integer-input
# shape: helper, loader-loop
# looks-like: integer-input
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import glob
import os

import torch
import torch.nn as nn
import torchaudio

TARGET_SR = 16000


class KeywordSpotter(nn.Module):
    def __init__(self, n_keywords=12):
        super().__init__()
        self.melspec = torchaudio.transforms.MelSpectrogram(TARGET_SR, n_fft=480, hop_length=160, n_mels=40)
        self.conv = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        )
        self.fc = nn.Linear(64, n_keywords)

    def forward(self, wav):
        spec = (self.melspec(wav) + 1e-6).log().unsqueeze(1)
        return self.fc(self.conv(spec).flatten(1))


def load_for_model(path, resamplers):
    # raw PCM is kept as int16 on disk; the resampler and the model need floats
    waveform, sample_rate = torchaudio.load(path, normalize=False)
    waveform = waveform.to(torch.float32) / 32768.0
    if waveform.shape[0] > 1:
        waveform = waveform.mean(dim=0, keepdim=True)
    if sample_rate != TARGET_SR:
        if sample_rate not in resamplers:
            resamplers[sample_rate] = torchaudio.transforms.Resample(sample_rate, TARGET_SR)
        waveform = resamplers[sample_rate](waveform)
    return waveform


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = KeywordSpotter()
    model.load_state_dict(torch.load("kws.pt", map_location="cpu"))
    model.to(device).eval()
    resamplers = {}
    for path in sorted(glob.glob("recordings/*.wav")):
        wav = load_for_model(path, resamplers).to(device)
        with torch.no_grad():
            pred = model(wav).argmax(-1).item()
        print(os.path.basename(path), "->", pred)
