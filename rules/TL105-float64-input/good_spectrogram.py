# soundfile reads float32 samples when asked to: the power spectrum is float32, as
# the mel matrix is.
import soundfile as sf
import torch
import torchaudio
from torch import nn


class MelFrontend(nn.Module):
    def __init__(self, n_fft=512):
        super().__init__()
        self.n_fft = n_fft
        fb = torchaudio.functional.melscale_fbanks(n_fft // 2 + 1, 0.0, 8000.0, 64, 16000)
        self.register_buffer("fb", fb)

    def forward(self, wave):
        window = torch.hann_window(self.n_fft, dtype=wave.dtype)
        spec = torch.stft(wave, self.n_fft, window=window, return_complex=True)
        power = spec.abs().pow(2).transpose(-1, -2)
        return torch.matmul(power, self.fb)


def read_mono(path):
    audio, _ = sf.read(path, dtype="float32", always_2d=True)
    return torch.from_numpy(audio.mean(axis=1))


frontend = MelFrontend()
print(frontend(read_mono("clip.wav")[None]).shape)
