# source: https://github.com/NVIDIA/tacotron2/issues/310
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: hard-coded-cuda
# shape: class, top-level
# looks-like: hard-coded-cuda
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
"""Remove WaveGlow bias noise; runs on whatever device the vocoder lives on."""

import argparse

import numpy as np
import torch
from scipy.io.wavfile import write

from stft import STFT


class Denoiser(torch.nn.Module):
    """Estimates the vocoder's bias spectrum from an all-zero mel input."""

    def __init__(self, waveglow, filter_length=1024, n_overlap=4, win_length=1024):
        super().__init__()
        weight = waveglow.upsample.weight
        self.stft = STFT(filter_length=filter_length,
                         hop_length=filter_length // n_overlap,
                         win_length=win_length).to(weight.device)
        mel_input = torch.zeros((1, 80, 88), dtype=weight.dtype, device=weight.device)
        with torch.no_grad():
            bias_audio = waveglow.infer(mel_input, sigma=0.0).float()
            bias_spec, _ = self.stft.transform(bias_audio)
        self.register_buffer("bias_spec", bias_spec[:, :, 0][:, :, None])

    def forward(self, audio, strength=0.1):
        audio_spec, audio_angles = self.stft.transform(audio.float())
        audio_spec_denoised = torch.clamp(audio_spec - self.bias_spec * strength, 0.0)
        return self.stft.inverse(audio_spec_denoised, audio_angles)


def load_waveglow(path, use_cuda):
    waveglow = torch.load(path, map_location="cpu", weights_only=False)["model"]
    waveglow = waveglow.remove_weightnorm(waveglow)
    if use_cuda:
        waveglow.cuda()
    return waveglow.eval()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--waveglow", required=True)
    parser.add_argument("--mel", required=True)
    parser.add_argument("--strength", type=float, default=0.05)
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()

    use_cuda = torch.cuda.is_available() and not args.cpu
    device = torch.device("cuda" if use_cuda else "cpu")
    waveglow = load_waveglow(args.waveglow, use_cuda)
    denoiser = Denoiser(waveglow)

    mel = torch.from_numpy(np.load(args.mel)).float().unsqueeze(0).to(device)
    with torch.no_grad():
        audio = waveglow.infer(mel, sigma=0.666)
        audio = denoiser(audio, strength=args.strength)[:, 0]
    write("denoised.wav", 22050, (audio[0].cpu().numpy() * 32767).astype(np.int16))
