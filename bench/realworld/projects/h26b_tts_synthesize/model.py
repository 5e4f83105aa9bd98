# source: https://github.com/ming024/FastSpeech2/issues/82
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class VariancePredictor(nn.Module):
    def __init__(self, d_model, kernel=3):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(d_model, d_model, kernel, padding=kernel // 2), nn.ReLU(),
            nn.Conv1d(d_model, d_model, kernel, padding=kernel // 2), nn.ReLU(),
        )
        self.proj = nn.Linear(d_model, 1)

    def forward(self, x):
        return self.proj(self.conv(x.transpose(1, 2)).transpose(1, 2)).squeeze(-1)


class AcousticModel(nn.Module):
    """Small non-autoregressive text-to-mel model (FastSpeech-style)."""

    def __init__(self, n_symbols, n_speakers=1, d_model=256, n_mels=80, n_layers=4):
        super().__init__()
        self.embed = nn.Embedding(n_symbols, d_model, padding_idx=0)
        self.speaker = nn.Embedding(n_speakers, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead=2, dim_feedforward=1024, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.duration = VariancePredictor(d_model)
        self.decoder = nn.TransformerEncoder(layer, n_layers)
        self.mel_out = nn.Linear(d_model, n_mels)

    def forward(self, phonemes, speaker_ids, d_control=1.0):
        x = self.encoder(self.embed(phonemes) + self.speaker(speaker_ids)[:, None])
        durations = torch.clamp(torch.round(torch.exp(self.duration(x)) * d_control), min=1).long()
        expanded = [torch.repeat_interleave(seq, dur, dim=0) for seq, dur in zip(x, durations)]
        x = nn.utils.rnn.pad_sequence(expanded, batch_first=True)
        return self.mel_out(self.decoder(x)), durations


class Vocoder(nn.Module):
    """Tiny upsampling vocoder; real checkpoints come from a HiFi-GAN style run."""

    def __init__(self, n_mels=80, upsample=(8, 8, 4)):
        super().__init__()
        layers, ch = [nn.Conv1d(n_mels, 256, 7, padding=3)], 256
        for r in upsample:
            layers += [nn.LeakyReLU(0.1), nn.ConvTranspose1d(ch, ch // 2, 2 * r, r, padding=r // 2)]
            ch //= 2
        layers += [nn.LeakyReLU(0.1), nn.Conv1d(ch, 1, 7, padding=3), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, mel):
        return self.net(mel.transpose(1, 2)).squeeze(1)
