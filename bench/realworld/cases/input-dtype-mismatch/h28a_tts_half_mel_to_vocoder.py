# source: https://github.com/voice-cloning-app/Voice-Cloning-App/issues/29
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: input-dtype-mismatch
# shape: helper, class
# looks-like: input-dtype-mismatch
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Synthesis path: fp16 acoustic model on GPU, fp32 HiFi-GAN vocoder."""
import numpy as np
import torch
import torch.nn as nn

MAX_WAV_VALUE = 32768.0


class AcousticModel(nn.Module):
    def __init__(self, n_symbols=148, dim=256, n_mels=80):
        super().__init__()
        self.embedding = nn.Embedding(n_symbols, dim)
        self.encoder = nn.GRU(dim, dim, batch_first=True)
        self.mel_proj = nn.Linear(dim, n_mels)

    def inference(self, sequence):
        hidden, _ = self.encoder(self.embedding(sequence))
        return self.mel_proj(hidden).transpose(1, 2)


class HifiGanVocoder(nn.Module):
    def __init__(self, n_mels=80, ch=128, hop=256):
        super().__init__()
        self.conv_pre = nn.Conv1d(n_mels, ch, 7, padding=3)
        self.up = nn.ConvTranspose1d(ch, 1, hop, stride=hop)

    def forward(self, mel):
        return torch.tanh(self.up(torch.relu(self.conv_pre(mel))))


def load_models(device):
    acoustic = AcousticModel().to(device).eval()
    if device.type == "cuda":
        acoustic = acoustic.half()
    vocoder = HifiGanVocoder().to(device).eval()
    return acoustic, vocoder


def generate_audio_hifigan(vocoder, mel):
    vocoder_dtype = next(vocoder.parameters()).dtype
    with torch.no_grad():
        audio = vocoder(mel.to(dtype=vocoder_dtype)).squeeze()
    audio = audio * MAX_WAV_VALUE
    return audio.cpu().numpy().astype(np.int16)


def synthesize(text_ids, acoustic, vocoder, device):
    sequence = torch.as_tensor(text_ids, dtype=torch.long, device=device).unsqueeze(0)
    with torch.no_grad():
        mel = acoustic.inference(sequence)
    return generate_audio_hifigan(vocoder, mel)


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    acoustic_model, hifigan = load_models(dev)
    wav = synthesize(np.random.randint(1, 148, size=60), acoustic_model, hifigan, dev)
    print(wav.shape, wav.dtype)
