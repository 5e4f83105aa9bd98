# source: https://github.com/earthspecies/avex/issues/145
# error: RuntimeError: expected m1 and m2 to have the same dtype, but got: double != float
# pattern: float64-input
# shape: class, helper
# looks-like: float64-input
# needs: torch, torchaudio, soundfile, numpy
# cpu: no written where torch was not installed; not run
import sys

import numpy as np
import soundfile as sf
import torch
import torch.nn as nn
import torchaudio


class MelFrontend(nn.Module):
    def __init__(self, sr=16000, n_fft=1024, hop=320, n_mels=128):
        super().__init__()
        self.spec = torchaudio.transforms.Spectrogram(n_fft=n_fft, hop_length=hop, power=2.0)
        fb = torchaudio.functional.melscale_fbanks(n_fft // 2 + 1, 50.0, sr / 2, n_mels, sr)
        self.register_buffer("mel_basis", fb)

    def forward(self, audio):
        power = self.spec(audio).transpose(-1, -2)
        return torch.log1p(power @ self.mel_basis)


class CallEmbedder(nn.Module):
    def __init__(self, n_mels=128, dim=512):
        super().__init__()
        self.frontend = MelFrontend(n_mels=n_mels)
        self.encoder = nn.Sequential(nn.Conv1d(n_mels, dim, 5, padding=2), nn.GELU(),
                                     nn.Conv1d(dim, dim, 5, padding=2), nn.GELU())

    def process_audio(self, audio):
        if audio.dtype != torch.float32:
            audio = audio.to(torch.float32)
        return self.frontend(audio)

    def forward(self, audio):
        mel = self.process_audio(audio).transpose(1, 2)
        return self.encoder(mel).mean(-1)


def embed_recording(model, path, device):
    audio, sr = sf.read(path)
    if audio.ndim > 1:
        audio = audio.mean(axis=1)
    assert sr == 16000, f"expected 16 kHz audio, got {sr}"
    audio = torch.from_numpy(np.ascontiguousarray(audio)).to(device)
    with torch.no_grad():
        return model(audio.unsqueeze(0))[0].cpu()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = CallEmbedder()
    model.load_state_dict(torch.load(sys.argv[1], map_location="cpu"))
    model = model.to(device).eval()
    embeddings = torch.stack([embed_recording(model, p, device) for p in sys.argv[2:]])
    torch.save(embeddings, "embeddings.pt")
