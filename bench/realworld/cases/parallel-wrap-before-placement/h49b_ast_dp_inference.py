# source: https://github.com/YuanGongND/ast/issues/32
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, top-level
# bug-lines: 49, 57
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Tag an audio clip with a fine-tuned spectrogram transformer checkpoint."""
import csv
import sys

import torch
import torch.nn as nn
import torchaudio


class SpectrogramTransformer(nn.Module):
    def __init__(self, n_classes=527, dim=384, depth=6, n_mels=128, patch=16):
        super().__init__()
        self.patch_embed = nn.Conv2d(1, dim, kernel_size=patch, stride=(10, 10))
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        layer = nn.TransformerEncoderLayer(dim, nhead=6, dim_feedforward=4 * dim, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=depth)
        self.head = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, n_classes))

    def forward(self, fbank):
        x = self.patch_embed(fbank.unsqueeze(1).transpose(2, 3)).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1)
        return self.head(self.encoder(x)[:, 0])


def make_features(wav_path, target_length=1024, mel_bins=128):
    waveform, sr = torchaudio.load(wav_path)
    waveform = waveform - waveform.mean()
    fbank = torchaudio.compliance.kaldi.fbank(
        waveform, htk_compat=True, sample_frequency=sr, use_energy=False,
        window_type="hanning", num_mel_bins=mel_bins, dither=0.0, frame_shift=10)
    pad = target_length - fbank.shape[0]
    fbank = torch.nn.functional.pad(fbank, (0, 0, 0, pad)) if pad > 0 else fbank[:target_length]
    return (fbank + 4.27) / (4.57 * 2)


def load_labels(csv_path):
    with open(csv_path) as fh:
        return [row["display_name"] for row in csv.DictReader(fh)]


ast_mdl = SpectrogramTransformer()
audio_model = torch.nn.DataParallel(ast_mdl)
checkpoint = torch.load(sys.argv[1], map_location="cpu")
audio_model.load_state_dict(checkpoint)
audio_model.eval()

labels = load_labels("class_labels_indices.csv")
feats = make_features(sys.argv[2]).unsqueeze(0)
with torch.no_grad():
    output = torch.sigmoid(audio_model(feats))
scores = output[0].cpu()
for idx in torch.argsort(scores, descending=True)[:10].tolist():
    print(f"{labels[idx]:<40s} {scores[idx].item():.4f}")
