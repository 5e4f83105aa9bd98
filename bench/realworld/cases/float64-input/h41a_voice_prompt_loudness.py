# source: https://github.com/resemble-ai/chatterbox/issues/499
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: helper, class
# bug-lines: 59, 75
# needs: torch, numpy, librosa, pyloudnorm
# cpu: no written where torch was not installed; not run
import argparse

import librosa
import numpy as np
import pyloudnorm as pyln
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvSTFTMel(nn.Module):
    def __init__(self, sr=16000, n_fft=512, hop=160, n_mels=80):
        super().__init__()
        self.hop = hop
        freqs = np.fft.rfftfreq(n_fft) * 2 * np.pi
        t = np.arange(n_fft)
        window = np.hanning(n_fft)
        basis = np.concatenate([np.cos(np.outer(freqs, t)), -np.sin(np.outer(freqs, t))]) * window
        self.register_buffer("basis", torch.tensor(basis[:, None, :], dtype=torch.float32))
        mel_fb = librosa.filters.mel(sr=sr, n_fft=n_fft, n_mels=n_mels)
        self.register_buffer("mel_fb", torch.tensor(mel_fb, dtype=torch.float32))

    def forward(self, wav):
        frames = F.conv1d(wav.unsqueeze(1), self.basis, stride=self.hop)
        real, imag = frames.chunk(2, dim=1)
        power = real ** 2 + imag ** 2
        return torch.log(torch.matmul(self.mel_fb, power).clamp(min=1e-5))


class SpeakerPromptEncoder(nn.Module):
    def __init__(self, n_mels=80, dim=256):
        super().__init__()
        self.frontend = ConvSTFTMel(n_mels=n_mels)
        self.rnn = nn.GRU(n_mels, dim, batch_first=True)

    def forward(self, wav):
        mel = self.frontend(wav).transpose(1, 2)
        _, h = self.rnn(mel)
        return F.normalize(h[-1], dim=-1)


def norm_loudness(wav, sr, target_lufs=-27.0):
    meter = pyln.Meter(sr)
    loudness = meter.integrated_loudness(wav)
    gain_linear = 10.0 ** ((target_lufs - loudness) / 20.0)
    return wav * gain_linear


def prepare_prompt(path, sr=16000):
    wav, _ = librosa.load(path, sr=sr)
    wav = norm_loudness(wav, sr)
    return torch.from_numpy(wav).unsqueeze(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", required=True)
    parser.add_argument("--prompt-wav", required=True)
    args = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"

    encoder = SpeakerPromptEncoder()
    encoder.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    encoder = encoder.to(device).eval()

    prompt = prepare_prompt(args.prompt_wav).to(device)
    with torch.no_grad():
        speaker_embedding = encoder(prompt)
    torch.save(speaker_embedding.cpu(), "speaker_embedding.pt")


if __name__ == "__main__":
    main()
