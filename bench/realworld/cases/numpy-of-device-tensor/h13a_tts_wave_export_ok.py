# source: https://github.com/stavsap/comfyui-kokoro/issues/24
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Mel-to-waveform synthesis node that writes 16-bit PCM files."""
import wave

import numpy as np
import torch
import torch.nn as nn


class TinyVocoder(nn.Module):
    def __init__(self, n_mels=80, channels=256):
        super().__init__()
        self.pre = nn.Conv1d(n_mels, channels, 7, padding=3)
        self.up = nn.Sequential(
            nn.ConvTranspose1d(channels, channels // 2, 16, stride=8, padding=4), nn.LeakyReLU(0.1),
            nn.ConvTranspose1d(channels // 2, channels // 4, 16, stride=8, padding=4), nn.LeakyReLU(0.1),
            nn.ConvTranspose1d(channels // 4, 1, 8, stride=4, padding=2),
        )

    def forward(self, mel):
        return torch.tanh(self.up(self.pre(mel))).squeeze(1)


def waveform_to_pcm16(audio: torch.Tensor) -> np.ndarray:
    samples = audio.detach().float().cpu().numpy()
    peak = np.abs(samples).max()
    if peak > 1.0:
        samples = samples / peak
    return (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)


class SpeechExporter:
    def __init__(self, vocoder: nn.Module, sample_rate: int = 24000):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.vocoder = vocoder.to(self.device).eval()
        self.sample_rate = sample_rate

    @torch.no_grad()
    def synthesize(self, mel: torch.Tensor) -> torch.Tensor:
        return self.vocoder(mel.to(self.device))

    def save(self, mel: torch.Tensor, path: str) -> float:
        audio = self.synthesize(mel)[0]
        pcm = waveform_to_pcm16(audio)
        with wave.open(path, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(self.sample_rate)
            wav.writeframes(pcm.tobytes())
        return len(pcm) / self.sample_rate


if __name__ == "__main__":
    exporter = SpeechExporter(TinyVocoder())
    seconds = exporter.save(torch.randn(1, 80, 120), "sample.wav")
    print(f"wrote {seconds:.2f}s of audio")
