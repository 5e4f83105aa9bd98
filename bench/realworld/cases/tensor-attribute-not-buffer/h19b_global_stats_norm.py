# source: https://github.com/pytorch/audio/pull/2175
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, helper
# looks-like: tensor-attribute-not-buffer
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import json

import torch
import torchaudio


class GlobalStatsNormalization(torch.nn.Module):
    def __init__(self, global_stats_path):
        super().__init__()
        with open(global_stats_path) as f:
            blob = json.loads(f.read())
        self.register_buffer("mean", torch.tensor(blob["mean"]))
        self.register_buffer("invstddev", torch.tensor(blob["invstddev"]))

    def forward(self, features):
        return (features - self.mean) * self.invstddev


class FeatureExtractor(torch.nn.Module):
    def __init__(self, global_stats_path, sample_rate=16000, n_mels=80):
        super().__init__()
        self.melspec = torchaudio.transforms.MelSpectrogram(
            sample_rate=sample_rate, n_fft=400, n_mels=n_mels, hop_length=160
        )
        self.normalize = GlobalStatsNormalization(global_stats_path)

    def forward(self, waveform):
        mel = self.melspec(waveform).transpose(-1, -2)
        log_mel = torch.log(mel + 1e-6)
        return self.normalize(log_mel)


def build_pipeline(stats_path, device):
    extractor = FeatureExtractor(stats_path).to(device).eval()
    return extractor


def featurize_files(paths, stats_path):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    extractor = build_pipeline(stats_path, device)
    feats = []
    for path in paths:
        waveform, sr = torchaudio.load(path)
        if sr != 16000:
            waveform = torchaudio.functional.resample(waveform, sr, 16000)
        with torch.no_grad():
            feats.append(extractor(waveform.mean(0).to(device)))
    return feats


if __name__ == "__main__":
    out = featurize_files(["sample1.flac", "sample2.flac"], "global_stats.json")
    print([f.shape for f in out])
